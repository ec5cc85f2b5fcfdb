/** A seed the simulator cannot use: the message names the field. */
export class SeedError extends Error {
  constructor(message: string) {
    super(`invalid simulator seed: ${message}`);
    this.name = 'SeedError';
  }
}
