import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { flagProblem } from './cli-flags';
import { quietSdkNodeNotice } from './sdk-node-notice';
import { EksApi } from '../aws/eks-api';
import { exitCodeOf } from '../engine/error-outcome';
import { EXIT_BAD_INPUT, EXIT_CONVERGED, explainEnvironmentError, InputError, isNotFound } from '../errors/run-errors';
import { snapshotToSeed } from '../snapshot/snapshot-to-seed';
import { takeSnapshot } from '../snapshot/take-snapshot';

export const SNAPSHOT_USAGE = `usage: eks-upgrade snapshot --cluster NAME [--region R] --out FILE|-

  read a cluster (describe, list and get calls only; no change) and write a simulator seed that replays it
  --cluster NAME        the EKS cluster to read
  --region R            its region; default: AWS_REGION or the AWS profile's region
  --out FILE|-          write the seed (JSON) to FILE; - writes it to stdout
  -h, --help            print this help

  then: eks-upgrade simulator --state FILE, and plan or apply against it (docs/simulator.md, "Rehearse your own cluster")`;


export interface SnapshotCliIo {
  stdout?: { write(text: string): unknown };
  stderr?: { write(text: string): unknown };
}

/** `eks-upgrade snapshot --cluster NAME [--region R] --out FILE|-`: 0 written, 2 bad flags / region / credentials / no such cluster, 1 otherwise. */
export async function runSnapshotCli(args: string[], io: SnapshotCliIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const fail = (message: string, usage = false) => {
    stderr.write(`eks-upgrade snapshot: ${message}\n${usage ? `${SNAPSHOT_USAGE}\n` : ''}`);
    return EXIT_BAD_INPUT;
  };
  let values;
  try {
    values = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: { cluster: { type: 'string' }, region: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }).values;
  } catch (e) {
    return fail(flagProblem(e as Error & { code?: string }, '--cluster NAME', ['cluster', 'region', 'out', 'help']), true);
  }
  if (values.help) {
    stdout.write(`${SNAPSHOT_USAGE}\n`);
    return EXIT_CONVERGED;
  }
  if (!values.cluster) return fail('--cluster NAME is required: the name of the EKS cluster to read', true);
  if (!values.out) return fail('--out FILE is required: where to write the seed (- for stdout)', true);

  quietSdkNodeNotice();
  const api = new EksApi(values.cluster, { region: values.region });
  try {
    const reading = await readCluster(api, values.cluster, values.region);
    const seed = snapshotToSeed(reading, values.region ?? process.env.AWS_REGION ?? 'us-east-1');
    const text = `${JSON.stringify(seed, null, 2)}\n`;
    if (values.out === '-') stdout.write(text);
    else writeSeed(values.out, text);
    const running = seed.updates.filter((u) => u.status === 'InProgress').length;
    const c = seed.clusters[0];
    stderr.write(`snapshot of cluster ${c.name} (Kubernetes ${c.version}; ${c.nodegroups.length} node groups, ${c.addons.length} add-ons, `
      + `${seed.updates.length} updates of which ${running} running) written to ${values.out === '-' ? 'stdout' : values.out}\n`);
    const absent = [...seed.snapshot.absent.ssmParameters, ...seed.snapshot.absent.addonCatalogs.map((n) => `add-on catalog ${n}`)];
    if (absent.length > 0) stderr.write(`  absent (recorded, not fatal): ${absent.join(', ')}\n`);
    for (const note of seed.snapshot.notes) stderr.write(`  note: ${note}\n`);
    return EXIT_CONVERGED;
  } catch (caught) {
    const e = explainSnapshotError(caught);
    stderr.write(`eks-upgrade: ${(e as Error).message}\n`);
    return exitCodeOf(e);
  } finally {
    api.destroy();
  }
}

async function readCluster(api: EksApi, cluster: string, region: string | undefined) {
  try {
    return await takeSnapshot(api);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    const where = region ?? process.env.AWS_REGION;
    const endpoint = process.env.AWS_ENDPOINT_URL_EKS ?? process.env.AWS_ENDPOINT_URL;
    throw new InputError(`--cluster ${cluster}: ${(err as Error).message}${where ? ` (region ${where}${endpoint ? `, endpoint ${endpoint}` : ''})` : ''}; check the name and --region`);
  }
}

function writeSeed(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'its directory does not exist' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : 'cannot be written';
    throw new InputError(`--out ${file}: ${why}; pass a writable file path (or - for stdout)`);
  }
}

/** The engine's one-line explanations, with the snapshot's own flag named for a missing region. */
function explainSnapshotError(caught: unknown): unknown {
  if (/^Region is missing/.test((caught as Error)?.message ?? '')) {
    return new InputError('no AWS region: pass --region R, or set AWS_REGION (or a region in your AWS profile)');
  }
  return explainEnvironmentError(caught);
}
