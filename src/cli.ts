/**
 * `eks-upgrade`: the bundled command line. Subcommands load lazily so `--version` and the simulator
 * start without initialising the AWS SDK.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const USAGE = `usage: eks-upgrade <command> [options]

commands:
  plan --spec FILE|-        print the ordered updates the spec needs; makes no change
  apply --spec FILE|-       run those updates and wait for each to finish
                            (the spec may also come from $EKS_UPGRADE_SPEC)
  simulator [--port N] [--state FILE] [--time-scale X]
                            serve a local EKS API simulator; prints its URL first
  --version                 print the package version`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'plan':
      return (await import('./engine/engine-cli.js')).runPlanCli(rest);
    case 'apply':
      return (await import('./engine/engine-cli.js')).runApplyCli(rest);
    case 'simulator':
      return (await import('./simulator/simulator-cli.js')).runSimulatorCli(rest);
    case '--version':
    case 'version':
      process.stdout.write(`${packageVersion()}\n`);
      return 0;
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`eks-upgrade: unknown command '${command}'\n${USAGE}\n`);
      return 2;
  }
}

function packageVersion(): string {
  // The bundle lives at <package>/assets/cli/index.js.
  for (const candidate of [join(__dirname, '..', '..', 'package.json'), join(__dirname, '..', 'package.json')]) {
    try {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8'));
      if (pkg.name === 'cdktf-eks-upgrade') return pkg.version;
    } catch {
      // try the next location
    }
  }
  return 'unknown';
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`eks-upgrade: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
