/**
 * Jest globalSetup: the AWS SDK prints an eight-line Node version notice from every process that makes a client under
 * Node < 22, which in a test run is every worker and every child CLI, dozens of times. It is turned off here, before
 * the workers start (they inherit the environment), and said once in one line. An operator's own setting of the
 * variable is left as it is.
 */
import { quietSdkNodeNotice, RECOMMENDED_NODE_MAJOR, SDK_NODE_WARNING_VAR } from '../src/cli/sdk-node-notice';

export default function setup(): void {
  if (quietSdkNodeNotice()) {
    process.stderr.write(`\nnote: Node ${process.versions.node}: the AWS SDK will require Node ${RECOMMENDED_NODE_MAJOR}+ from January 2027 (its notice is off in tests; ${SDK_NODE_WARNING_VAR}=false shows it)\n`);
  }
}
