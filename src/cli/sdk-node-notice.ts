/** The AWS SDK's opt-out of the multi-line notice it prints from every client it makes under Node < 22. */
export const SDK_NODE_WARNING_VAR = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';
export const RECOMMENDED_NODE_MAJOR = 22;

/**
 * Turns the SDK's eight-line Node version notice off (Terraform would repeat it in its error block) unless the operator
 * set the variable themselves; the SDK reads it when a client is made. Returns true when this call turned it off and
 * Node is older than recommended, so the caller can say it in one line instead.
 */
export function quietSdkNodeNotice(): boolean {
  if (process.env[SDK_NODE_WARNING_VAR] !== undefined) return false;
  process.env[SDK_NODE_WARNING_VAR] = 'true';
  return Number(process.versions.node.split('.')[0]) < RECOMMENDED_NODE_MAJOR;
}
