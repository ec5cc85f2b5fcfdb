import type { ModelOperation, Shape } from './eks-model';
import { labelsOf, serialize, type CallResult, type WireClient } from './wire-client';
import type { SimFault } from '../../../src/simulator';

/** What the scenario needs from the simulator besides its HTTP API. */
export interface SimControls {
  advance(seconds: number): void;
  injectFault(fault: SimFault): void;
  clearFaults(): void;
}

/** What a step was meant to provoke, when it did something else (the sample is still validated). */
export interface Surprise {
  label: string;
  expected: string;
  got: string;
}

type Expect = 200 | 'ResourceNotFoundException' | 'InvalidParameterException' | 'InvalidRequestException'
  | 'InvalidStateException' | 'ResourceInUseException' | 'ThrottlingException' | 'ServerException' | 'ServiceUnavailableException';

const CLUSTER = 'demo';
/** The default seed's cluster with the custom-AMI node group `custom`. */
const LEGACY = 'legacy';
const MISSING_CLUSTER = 'no-such-cluster';

/**
 * Drives every operation the simulator serves through conformanceSeed(): reads, each kind of update and
 * its life (InProgress, Successful, Failed, Cancelled), the refusals the upgrade flow meets, and for every
 * served operation a missing cluster and each injected fault. Operations the simulator does not serve are
 * skipped, so the same scenario covers them as soon as routes.ts adds them.
 */
export async function runScenario(client: WireClient, served: ModelOperation[], sim: SimControls, clusters: string[]): Promise<Surprise[]> {
  const servedNames = new Set(served.map((op) => op.name));
  const surprises: Surprise[] = [];
  const call = async (operation: string, input: Record<string, unknown>, expect: Expect, label = operation): Promise<CallResult | undefined> => {
    if (!servedNames.has(operation)) return undefined;
    const result = await client.call(operation, input, `${operation}: ${label}`);
    const got = result.errorType ?? String(result.status);
    if (got !== String(expect)) surprises.push({ label: `${operation}: ${label}`, expected: String(expect), got: `${got} ${JSON.stringify(result.body)}` });
    return result;
  };
  const ok = (operation: string, input: Record<string, unknown>, label?: string) => call(operation, input, 200, label);

  // The seeded world, read.
  const readCluster = async (name: string) => {
    await ok('DescribeCluster', { name }, name);
    const nodegroups: string[] = (await ok('ListNodegroups', { clusterName: name }, name))?.body?.nodegroups ?? [];
    for (const nodegroupName of nodegroups) await ok('DescribeNodegroup', { clusterName: name, nodegroupName }, `${name}/${nodegroupName}`);
    const addonNames: string[] = (await ok('ListAddons', { clusterName: name }, name))?.body?.addons ?? [];
    for (const addonName of addonNames) await ok('DescribeAddon', { clusterName: name, addonName }, `${name}/${addonName}`);
    const found: { id: string }[] = (await ok('ListInsights', { clusterName: name }, name))?.body?.insights ?? [];
    for (const { id } of found) await ok('DescribeInsight', { clusterName: name, id }, `${name}/${id}`);
    return addonNames;
  };
  const addons = await readCluster(CLUSTER);
  for (const name of clusters.filter((c) => c !== CLUSTER)) await readCluster(name);
  await ok('ListClusters', {}, 'every cluster');
  await ok('DescribeClusterVersions', {}, 'every version');
  await ok('DescribeClusterVersions', { clusterVersions: ['1.30', '1.33'], versionStatus: 'STANDARD_SUPPORT' }, 'filtered');
  await ok('DescribeInsightsRefresh', { clusterName: CLUSTER }, 'none requested yet');
  await ok('StartInsightsRefresh', { clusterName: CLUSTER }, 'a refresh');
  await ok('StartInsightsRefresh', { clusterName: CLUSTER }, 'while one runs');
  await ok('DescribeInsightsRefresh', { clusterName: CLUSTER }, 'IN_PROGRESS');
  sim.advance(120);
  await ok('DescribeInsightsRefresh', { clusterName: CLUSTER }, 'COMPLETED');
  await ok('DescribeAddonVersions', {}, 'the whole catalog');
  await ok('DescribeAddonVersions', {
    kubernetesVersion: '1.30', addonName: 'coredns', types: ['networking'], publishers: ['eks'], owners: ['aws'],
  }, 'every filter');
  await ok('ListInsights', {
    clusterName: CLUSTER, filter: { categories: ['UPGRADE_READINESS'], kubernetesVersions: ['1.30'], statuses: ['WARNING', 'PASSING'] },
  }, 'filtered');
  await ok('ListUpdates', { name: CLUSTER }, 'none yet');
  const associations: { associationId: string }[] = (await ok('ListPodIdentityAssociations', { clusterName: CLUSTER }))?.body?.associations ?? [];
  for (const { associationId } of associations) await ok('DescribePodIdentityAssociation', { clusterName: CLUSTER, associationId }, associationId);
  await call('DescribePodIdentityAssociation', { clusterName: CLUSTER, associationId: 'a-0000000000000000a' }, 'ResourceNotFoundException', 'unknown id');
  await call('DescribeNodegroup', { clusterName: CLUSTER, nodegroupName: 'nope' }, 'ResourceNotFoundException', 'unknown node group');
  await call('DescribeAddon', { clusterName: CLUSTER, addonName: 'nope' }, 'ResourceNotFoundException', 'unknown add-on');
  await call('DescribeInsight', { clusterName: CLUSTER, id: 'nope' }, 'ResourceNotFoundException', 'unknown insight');
  await call('DescribeUpdate', { name: CLUSTER, updateId: 'nope' }, 'ResourceNotFoundException', 'unknown update');

  // INSIGHTS-PER-STEP: an ERROR insight for the target blocks the step unless forced.
  sim.injectFault({ kind: 'insight', kubernetesVersion: '1.30' });
  await ok('ListInsights', { clusterName: CLUSTER }, 'with an ERROR insight');
  await call('UpdateClusterVersion', { name: CLUSTER, version: '1.30' }, 'InvalidStateException', 'blocked by an ERROR insight');
  sim.clearFaults();
  await call('UpdateClusterVersion', { name: CLUSTER, version: '1.31', force: true }, 'InvalidParameterException', 'two minors at once (CP-ONE-MINOR)');

  // Node group updates.
  const config = { clusterName: CLUSTER, nodegroupName: 'general', updateConfig: { maxUnavailable: 2, updateStrategy: 'DEFAULT' }, clientRequestToken: 'conformance-1' };
  const configUpdate = (await ok('UpdateNodegroupConfig', config, 'updateConfig'))?.body?.update;
  await ok('UpdateNodegroupConfig', config, 'the same token again (TOKEN-IDEMPOTENT)');
  await call('UpdateNodegroupVersion', { clusterName: CLUSTER, nodegroupName: 'general' }, 'ResourceInUseException', 'while a config update runs (NG-ACTIVE-ONLY)');
  if (configUpdate) {
    await ok('DescribeUpdate', { name: CLUSTER, updateId: configUpdate.id, nodegroupName: 'general' }, 'a running ConfigUpdate');
    await call('CancelUpdate', { name: CLUSTER, updateId: configUpdate.id }, 'InvalidRequestException', 'a ConfigUpdate (CANCEL-ROLLBACK-ONLY)');
  }
  await ok('ListUpdates', { name: CLUSTER, nodegroupName: 'general', maxResults: 1 }, 'a node group\'s');
  await call('UpdateNodegroupVersion', { clusterName: LEGACY, nodegroupName: 'custom', version: '1.29' }, 'InvalidParameterException', 'a version for a custom AMI (NG-CUSTOM-AMI)');
  await call('UpdateNodegroupVersion', {
    clusterName: CLUSTER, nodegroupName: 'batch', launchTemplate: { id: 'lt-0a1b2c3d4e5f60718', name: 'demo-batch-lt' },
  }, 'InvalidParameterException', 'launch template id and name (NG-LT-SAME)');

  // Add-on updates: a version DescribeAddonVersions offers on the cluster's version, with every setting.
  const corednsVersion = await offeredVersion(client, servedNames, 'coredns', '1.29', 'v1.11');
  const addonUpdate = (await ok('UpdateAddon', {
    clusterName: CLUSTER,
    addonName: 'coredns',
    addonVersion: corednsVersion,
    resolveConflicts: 'OVERWRITE',
    configurationValues: 'replicaCount: 3',
    serviceAccountRoleArn: 'arn:aws:iam::111122223333:role/demo-coredns',
    clientRequestToken: 'conformance-2',
  }, 'version and every setting'))?.body?.update;
  await call('UpdateAddon', { clusterName: CLUSTER, addonName: 'coredns' }, 'ResourceInUseException', 'while the add-on updates (ADDON-ONE-UPDATE)');
  await call('UpdateAddon', { clusterName: CLUSTER, addonName: 'kube-proxy', addonVersion: 'v0.0.1-eksbuild.1' }, 'InvalidParameterException', 'a version not offered (ADDON-VERSION-OFFERED)');
  await ok('UpdateAddon', {
    clusterName: CLUSTER, addonName: 'vpc-cni', podIdentityAssociations: [{ serviceAccount: 'aws-node', roleArn: 'arn:aws:iam::111122223333:role/demo-vpc-cni-2' }],
  }, 'pod identity associations');
  await ok('DescribeAddon', { clusterName: CLUSTER, addonName: 'coredns' }, 'while UPDATING');
  if (addonUpdate) await ok('DescribeUpdate', { name: CLUSTER, updateId: addonUpdate.id, addonName: 'coredns' }, 'a running AddonUpdate');

  // The control plane: one minor up, forced past the readiness checks so the step does not depend on them.
  const upgrade = (await ok('UpdateClusterVersion', { name: CLUSTER, version: '1.30', force: true, clientRequestToken: 'conformance-3' }, 'one minor up'))?.body?.update;
  await ok('DescribeCluster', { name: CLUSTER }, 'while UPDATING');
  await call('UpdateClusterVersion', { name: CLUSTER, version: '1.30', force: true }, 'ResourceInUseException', 'while the control plane updates (CP-ONE-UPDATE)');
  if (upgrade) await ok('DescribeUpdate', { name: CLUSTER, updateId: upgrade.id }, 'a running VersionUpdate');
  const page = await ok('ListUpdates', { name: CLUSTER, maxResults: 1 }, 'first page');
  if (page?.body?.nextToken) await ok('ListUpdates', { name: CLUSTER, maxResults: 1, nextToken: page.body.nextToken }, 'next page');
  sim.advance(6 * 3600);
  if (upgrade) await ok('DescribeUpdate', { name: CLUSTER, updateId: upgrade.id }, 'a finished VersionUpdate');
  if (addonUpdate) await ok('DescribeUpdate', { name: CLUSTER, updateId: addonUpdate.id, addonName: 'coredns' }, 'a finished AddonUpdate');
  await ok('DescribeCluster', { name: CLUSTER }, 'after the upgrade');
  for (const addonName of addons) await ok('DescribeAddon', { clusterName: CLUSTER, addonName }, `${addonName} after the updates`);

  // CP-ROLLBACK and CANCEL-ROLLBACK-ONLY: an Auto Mode rollback, cancelled while its nodes roll back.
  const rollback = (await ok('UpdateClusterVersion', { name: CLUSTER, version: '1.29', rollbackConfig: { timeoutMinutes: 720 } }, 'a rollback'))?.body?.update;
  if (rollback) {
    await ok('DescribeCluster', { name: CLUSTER }, 'during a rollback');
    await ok('CancelUpdate', { name: CLUSTER, updateId: rollback.id, clientRequestToken: 'conformance-4' }, 'a rollback in its node phase');
    await ok('DescribeUpdate', { name: CLUSTER, updateId: rollback.id }, 'a rollback being cancelled');
    sim.advance(6 * 3600); // a cancellation settles (best effort, asynchronous) before the node phase ends
    await ok('DescribeUpdate', { name: CLUSTER, updateId: rollback.id }, 'a settled cancellation');
    await call('CancelUpdate', { name: CLUSTER, updateId: rollback.id }, 'InvalidRequestException', 'a rollback no longer in progress');
  }

  // A failed node group update: the update carries its errors.
  sim.injectFault({ kind: 'updateFailure', resource: `nodegroup/${CLUSTER}/general`, errorCode: 'NodeCreationFailure' });
  const failing = (await ok('UpdateNodegroupVersion', { clusterName: CLUSTER, nodegroupName: 'general', version: '1.30', force: true }, 'that will fail'))?.body?.update;
  sim.advance(6 * 3600);
  if (failing) await ok('DescribeUpdate', { name: CLUSTER, updateId: failing.id, nodegroupName: 'general' }, 'a Failed update');
  await ok('DescribeNodegroup', { clusterName: CLUSTER, nodegroupName: 'general' }, 'after a failed update');

  // A DEGRADED add-on with health issues.
  sim.injectFault({ kind: 'addonDegraded', resource: `addon/${CLUSTER}/kube-proxy` });
  const kubeProxyVersion = await offeredVersion(client, servedNames, 'kube-proxy', '1.30', 'v1.30');
  await ok('UpdateAddon', { clusterName: CLUSTER, addonName: 'kube-proxy', addonVersion: kubeProxyVersion }, 'that will leave it DEGRADED');
  sim.advance(3600);
  await ok('DescribeAddon', { clusterName: CLUSTER, addonName: 'kube-proxy' }, 'DEGRADED');
  sim.clearFaults();

  // Malformed requests.
  await call('ListUpdates', { name: CLUSTER, nextToken: 'forged' }, 'InvalidParameterException', 'a forged nextToken');

  // Every served operation: its list pages, a missing cluster, and each injected fault.
  for (const op of served) {
    if ('maxResults' in op.input.members && labelsOf(op).every(isClusterLabel)) {
      const first = await ok(op.name, { ...minimalInput(op, CLUSTER), maxResults: 1 }, 'a page of one');
      if (first?.body?.nextToken) await ok(op.name, { ...minimalInput(op, CLUSTER), maxResults: 1, nextToken: first.body.nextToken }, 'the next page');
      await call(op.name, { ...minimalInput(op, CLUSTER), maxResults: 0 }, 'InvalidParameterException', 'maxResults 0');
    }
    if (labelsOf(op).some(isClusterLabel)) await call(op.name, minimalInput(op, MISSING_CLUSTER), 'ResourceNotFoundException', 'a missing cluster');
    if (Object.values(op.input.members).some((m) => m.binding.location === 'body')) {
      const label = `${op.name}: a body that is not JSON`;
      const r = await client.send(op.name, { ...serialize(op, minimalInput(op, CLUSTER)), body: '{"version":' }, label);
      if (r.errorType === undefined) surprises.push({ label, expected: 'an error', got: String(r.status) });
    }
    const faults: [SimFault, Expect][] = [
      [{ kind: 'throttle', operation: op.name }, 'ThrottlingException'],
      [{ kind: 'serverError', operation: op.name, status: 500 }, 'ServerException'],
      [{ kind: 'serverError', operation: op.name, status: 503 }, 'ServiceUnavailableException'],
    ];
    for (const [fault, expected] of faults) {
      sim.injectFault(fault);
      await call(op.name, minimalInput(op, CLUSTER), expected, `an injected ${expected}`);
    }
    sim.clearFaults();
  }
  return surprises;
}

const isClusterLabel = (label: string) => label === 'name' || label === 'clusterName';

/** The operation's required members only, with `cluster` for the cluster label and plausible values for the rest. */
export function minimalInput(op: ModelOperation, cluster: string): Record<string, unknown> {
  return Object.fromEntries(op.input.required.map((name) => {
    const member = op.input.members[name];
    if (member.binding.location === 'label') return [name, isClusterLabel(name) ? cluster : `sample-${name}`];
    return [name, sampleValue(member.shape)];
  }));
}

function sampleValue(shape: Shape): unknown {
  switch (shape.kind) {
    case 'string': return shape.values?.[0] ?? 'sample';
    case 'number': return 1;
    case 'boolean': return false;
    case 'timestamp': return 0;
    case 'list': return [];
    case 'map': return {};
    case 'structure': return Object.fromEntries(shape.required.map((m) => [m, sampleValue(shape.members[m].shape)]));
    default: return 'sample';
  }
}

/** The newest version of an add-on DescribeAddonVersions offers for a Kubernetes version, within one minor line (VPCCNI-ONE-MINOR-safe). */
async function offeredVersion(client: WireClient, served: Set<string>, addonName: string, kubernetesVersion: string, line: string): Promise<string | undefined> {
  if (!served.has('DescribeAddonVersions')) return undefined;
  const result = await client.call('DescribeAddonVersions', { addonName, kubernetesVersion }, `DescribeAddonVersions: ${addonName} on ${kubernetesVersion}`);
  const versions: string[] = (result.body?.addons?.[0]?.addonVersions ?? []).map((v: { addonVersion: string }) => v.addonVersion);
  return versions.find((v) => v.startsWith(`${line}.`));
}
