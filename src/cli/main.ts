/**
 * `eks-upgrade`: the bundled command line. Subcommands load lazily so `--version` and the simulator
 * start without initialising the AWS SDK.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REGION_CHAIN } from '../errors/run-errors';
import { nearest } from '../upgrade-spec/edit-distance';

const HEADER = `usage: eks-upgrade <command> [options]

commands:
  plan        print the ordered updates the spec needs; makes no change
  apply       run those updates and wait for each to finish
  simulator   serve a local EKS API simulator; prints its URL first
  snapshot    write a simulator seed from a live cluster (read-only), to rehearse its upgrade offline
  version     print the package version (also --version)
  help        print this help (also --help, -h); <command> --help prints one command's help`;

const ENVIRONMENT = `environment: EKS_UPGRADE_SPEC (the spec's JSON text, not a path; read when --spec is not given),
  EKS_UPGRADE_TIME_SCALE; the region: ${REGION_CHAIN} (AWS_DEFAULT_REGION is not read);
  AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY; AWS_ENDPOINT_URL_EKS, AWS_ENDPOINT_URL_SSM,
  AWS_ENDPOINT_URL_EC2 and, for a spec with assumeRole, AWS_ENDPOINT_URL_STS (a simulator's URL). docs/cli.md:
  cancelling, output formats, time scale`;

const COMMANDS = ['plan', 'apply', 'simulator', 'snapshot', 'version', 'help'];
const SHORT_USAGE = `usage: eks-upgrade <command> [options]; commands: ${COMMANDS.join(', ')}; eks-upgrade --help prints them all`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'plan':
      return (await import('./plan-apply-cli.js')).runPlanCli(rest);
    case 'apply':
      return (await import('./plan-apply-cli.js')).runApplyCli(rest);
    case 'simulator':
      return (await import('./simulator-cli.js')).runSimulatorCli(rest);
    case 'snapshot':
      return (await import('./snapshot-cli.js')).runSnapshotCli(rest);
    case '--version':
    case 'version':
      process.stdout.write(`${packageVersion()}\n`);
      return 0;
    case undefined:
    case '--help':
    case '-h':
    case 'help': {
      const text = await usage();
      if (command === undefined) {
        process.stderr.write(`eks-upgrade: no command given\n${text}\n`);
        return 2;
      }
      process.stdout.write(`${text}\n`);
      return 0;
    }
    default: {
      // A short answer: the whole help is 60 lines, and the mistake is usually one letter.
      const guess = nearest(command.replace(/^-+/, ''), COMMANDS);
      process.stderr.write(`eks-upgrade: unknown command '${command}'${guess ? `; did you mean '${guess}'?` : ''}\n${SHORT_USAGE}\n`);
      return 2;
    }
  }
}

/** The whole help: every command with every option, from the same text each command's --help prints. */
async function usage(): Promise<string> {
  const engine = await import('./plan-apply-cli.js');
  const simulator = await import('./simulator-cli.js');
  const snapshot = await import('./snapshot-cli.js');
  return [HEADER, engine.PLAN_USAGE, engine.APPLY_USAGE, simulator.SIMULATOR_USAGE, snapshot.SNAPSHOT_USAGE, engine.EXIT_CODES, ENVIRONMENT].join('\n\n');
}

function packageVersion(): string {
  // The bundle lives at <package>/assets/cli/index.js.
  for (const candidate of [join(__dirname, '..', '..', 'package.json'), join(__dirname, '..', 'package.json')]) {
    try {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8'));
      if (pkg.name === 'cdktf-eks-upgrade' || pkg.name === 'cdktn-eks-upgrade') return pkg.version;
    } catch {
      // try the next location
    }
  }
  return 'unknown';
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    // Commands report their own errors; this is a last resort, one line, no stack.
    process.stderr.write(`eks-upgrade: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
