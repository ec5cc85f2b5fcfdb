/** Entry of the Lambda runner's bundle (assets/lambda/index.js): the engine behind a Lambda handler. */
export { handler } from './handler';
