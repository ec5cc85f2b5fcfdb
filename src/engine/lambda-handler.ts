/** Placeholder until the Lambda runner lands: refuses every event with a clear message. */
export async function handler(): Promise<never> {
  throw new Error('the Lambda runner is not implemented yet');
}
