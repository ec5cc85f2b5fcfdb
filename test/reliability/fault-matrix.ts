/**
 * The fault matrix: the engine in process against its own simulator, one fault (or one other actor) per
 * scenario. Each converges, or fails with EKS's error text and the update id; the call log shows no
 * duplicate update, no refused mutation and no unreported update.
 */
import { ErrorCode, UpdateAddonCommand, UpdateClusterVersionCommand, UpdateNodegroupConfigCommand, UpdateNodegroupVersionCommand, EKSClient } from '@aws-sdk/client-eks';
import { checkConverged, checkFailure, checkInvariants } from './checks';
import {
  ADDON, addonSpec, applyInProcess, bodyText, cancellationProblems, clusterOf, clusterSpec, controlPlaneOnlySeed, customSpec, demoSeed, demoSpec, inProcessClient,
  mutatingOperation, nodegroupConfigSpec, nodegroupSpec, reportedIds, RequestHook, rollbackSpec, rolledForwardSeed, RunResult, SdkRequest, scaledWorld, serverErrorResult,
  simRequest, SLOW_ROLLBACK, smallSpec, SpecJson, steppedWorld, World,
} from './harness';
import { createdIds } from './invariants';
import { Scenario, Verdict } from './tally';
import type { SimFault, SimSeed, VirtualClock } from '../../src/simulator';

/** Every EKS and SSM operation the engine calls on an ordinary upgrade (CancelUpdate has its own scenarios). */
export const ENGINE_OPERATIONS = [
  'DescribeCluster', 'ListNodegroups', 'DescribeNodegroup', 'ListAddons', 'DescribeAddon', 'DescribeAddonVersions',
  'GetParameter', 'ListUpdates', 'DescribeUpdate', 'ListInsights', 'DescribeInsight',
  'UpdateClusterVersion', 'UpdateNodegroupVersion', 'UpdateNodegroupConfig', 'UpdateAddon',
];
export const UPDATE_OPERATIONS = ['UpdateClusterVersion', 'UpdateNodegroupVersion', 'UpdateNodegroupConfig', 'UpdateAddon'];

const runOf = (r: RunResult) => ({ calls: r.calls, reported: reportedIds(r.report) });

/** The demo spec to 1.30, which calls every operation above (DescribeInsight only for an ERROR insight, hence force). */
function matrixSpec(operation: string): SpecJson {
  return operation === 'DescribeInsight' ? demoSpec('1.30', { controlPlane: { version: '1.30', force: true } }) : demoSpec('1.30');
}

/**
 * Scaled time here, not stepped: the SDK's adaptive retry mode paces requests by real time after a
 * throttle, and runs that never wait in real time would starve each other's request budget.
 */
function matrixWorld(operation: string, seed: SimSeed): World {
  const w = scaledWorld(seed);
  if (operation === 'DescribeInsight') {
    w.sim.injectFault({ kind: 'insight', kubernetesVersion: '1.30', status: 'ERROR', name: 'Reliability check', description: 'An ERROR insight the spec overrides with force' });
  }
  return w;
}

type Burst = { label: string; fault: (operation: string) => SimFault; status: (operation: string) => number };
const BURSTS: Burst[] = [
  { label: 'throttling burst (429 ×3)', fault: (operation) => ({ kind: 'throttle', operation, count: 3 }), status: (op) => (op === 'GetParameter' ? 400 : 429) },
  { label: '500 ServerException ×3', fault: (operation) => ({ kind: 'serverError', status: 500, operation, count: 3 }), status: () => 500 },
  { label: '503 ServiceUnavailable ×3', fault: (operation) => ({ kind: 'serverError', status: 503, operation, count: 3 }), status: (op) => (op === 'GetParameter' ? 500 : 503) },
];

/** Throttling and 5xx bursts on each operation: the SDK's retries and the waiter absorb them; the run converges. */
export function retriedAnswers(): Scenario[] {
  return ENGINE_OPERATIONS.flatMap((operation) => BURSTS.map((burst): Scenario => ({
    name: `${burst.label} on ${operation}`,
    expect: 'converge',
    run: async (v) => {
      const seed = demoSeed();
      const spec = matrixSpec(operation);
      const w = matrixWorld(operation, seed);
      w.sim.injectFault(burst.fault(operation));
      const run = await applyInProcess(w, spec);
      v.check(run.calls.some((c) => c.operation === operation && c.status === burst.status(operation)), `the fault never fired: no ${operation} answered ${burst.status(operation)}`);
      v.converged = await checkConverged(v, w.sim, run, spec, seed);
      checkInvariants(v, w.sim, [runOf(run)]);
    },
  })));
}

/**
 * EKS started the update but its answer was lost (a 500 after the fact): the SDK retries with the same
 * clientRequestToken and must get the same update back, not a second one.
 */
export function lostResponses(): Scenario[] {
  return UPDATE_OPERATIONS.map((operation): Scenario => ({
    name: `answer to ${operation} lost after the update started`,
    expect: 'converge',
    run: async (v) => {
      const seed = demoSeed();
      const spec = demoSpec('1.30');
      const w = steppedWorld(seed);
      let lost = false;
      const hook: RequestHook = async (request, forward) => {
        const result = await forward();
        if (!lost && mutatingOperation(request) === operation && result.response.statusCode === 200) {
          lost = true;
          return serverErrorResult();
        }
        return result;
      };
      const run = await applyInProcess(w, spec, { hook });
      const calls = run.calls.filter((c) => c.operation === operation);
      const first = calls.find((c) => c.createdUpdate);
      v.check(lost && first !== undefined, `no ${operation} answer was lost`);
      if (first) {
        const repeat = calls.find((c) => c.seq > first.seq && c.resource === first.resource);
        v.check(repeat?.updateId === first.updateId && repeat?.createdUpdate === false,
          () => `the retry after the lost answer did not get update ${first.updateId} back: ${JSON.stringify(repeat)}`);
      }
      v.converged = await checkConverged(v, w.sim, run, spec, seed);
      checkInvariants(v, w.sim, [runOf(run)]);
    },
  }));
}

/**
 * A VersionRollback this run started outlives its wait and is cancelled (CANCEL-ROLLBACK-ONLY), with faults on
 * CancelUpdate too. The cancellation is asynchronous: the run reports what DescribeUpdate says right after, and
 * once it settles the simulator holds the rollback Cancelled, its cancellation Successful, the version unchanged.
 */
export function rollbackCancellations(): Scenario[] {
  const faults: Array<[string, SimFault | undefined]> = [
    ['no fault', undefined],
    ...BURSTS.map((b): [string, SimFault] => [b.label, b.fault('CancelUpdate')]),
  ];
  return faults.map(([label, fault]): Scenario => ({
    name: `rollback past its timeout is cancelled (${label} on CancelUpdate)`,
    expect: 'fail',
    run: async (v) => {
      // Within the 7 days in which EKS allows a rollback (the virtual clock starts at 2025-06-02).
      const seed = rolledForwardSeed('2025-06-01T12:00:00.000Z');
      const spec = rollbackSpec();
      const w = steppedWorld(seed, { durations: SLOW_ROLLBACK });
      if (fault) w.sim.injectFault(fault);
      const run = await applyInProcess(w, spec);
      const rollbackId = (w.sim.state().updates ?? []).find((u) => u.type === 'VersionRollback')?.id;
      v.check(rollbackId !== undefined, 'no VersionRollback was started');
      checkFailure(v, run, 'timed out', [], rollbackId ? [rollbackId] : []);
      if (rollbackId) v.addAll(cancellationProblems(run.error?.message ?? '', rollbackId));
      // Let the cancellation settle (it takes SLOW_ROLLBACK.cancelSeconds), well before the nodes would finish.
      (w.sim.clock as VirtualClock).advance(10 * 60 * 1000);
      const rollback = (w.sim.state().updates ?? []).find((u) => u.id === rollbackId);
      v.check(rollback?.status === 'Cancelled' && rollback.cancellation?.status === 'Successful',
        () => `the rollback update is ${rollback?.status ?? 'missing'} (cancellation ${JSON.stringify(rollback?.cancellation)}), expected Cancelled with cancellation Successful`);
      v.check(clusterOf(w.sim.state()).version === '1.30', 'the cancelled rollback changed the control-plane version');
      v.check(run.calls.some((call) => call.operation === 'CancelUpdate' && call.status === 200), 'no CancelUpdate was accepted');
      if (fault) v.check(run.calls.some((call) => call.operation === 'CancelUpdate' && call.status >= 400), 'the fault on CancelUpdate never fired');
      v.converged = run.end === 'converged';
      checkInvariants(v, w.sim, [runOf(run)]);
    },
  }));
}

/** Which resource an update error code belongs on, and EKS-style text for it. */
const FAILURES: Record<string, { resource: 'nodegroup' | 'cluster' | 'addon'; message?: string }> = {
  PodEvictionFailure: { resource: 'nodegroup' }, // the simulator's EKS wording
  NodeCreationFailure: { resource: 'nodegroup' }, // the simulator's EKS wording
  InsufficientFreeAddresses: { resource: 'nodegroup', message: 'The subnets of the node group have too few free IP addresses for the new nodes' },
  IpNotAvailable: { resource: 'nodegroup', message: 'No IP address is available in the subnet to attach to the new node' },
  EniLimitReached: { resource: 'nodegroup', message: 'The elastic network interface limit of the instance type was reached' },
  SubnetNotFound: { resource: 'nodegroup', message: 'A subnet of the node group no longer exists' },
  SecurityGroupNotFound: { resource: 'nodegroup', message: 'A security group of the node group no longer exists' },
  AccessDenied: { resource: 'nodegroup', message: 'The node role is not allowed to perform ec2:RunInstances' },
  VpcIdNotFound: { resource: 'cluster', message: 'The cluster VPC could not be found' },
  OperationNotPermitted: { resource: 'cluster', message: 'The cluster role lacks a permission the upgrade needs' },
  ClusterUnreachable: { resource: 'cluster', message: 'The control plane could not reach the cluster nodes' },
  Unknown: { resource: 'cluster', message: 'The update failed for an unknown reason' },
  InsufficientNumberOfReplicas: { resource: 'addon', message: 'The add-on does not have the desired number of replicas' },
  ConfigurationConflict: { resource: 'addon', message: 'Conflicts found when applying the add-on configuration; use resolveConflicts OVERWRITE' },
  AdmissionRequestDenied: { resource: 'addon', message: 'An admission webhook denied the add-on resources' },
  UnsupportedAddonModification: { resource: 'addon', message: 'A field of the add-on managed by EKS was modified outside of EKS' },
  K8sResourceNotFound: { resource: 'addon', message: 'A Kubernetes resource the add-on needs was not found' },
};

type FailureTarget = { resource: string; spec: () => SpecJson; seed: () => SimSeed; ids: string[] };
const FAILURE_SPECS: Record<'nodegroup' | 'cluster' | 'addon', FailureTarget> = {
  nodegroup: { resource: 'nodegroup/demo/general', spec: () => nodegroupSpec(), seed: demoSeed, ids: ['i-0a1b2c3d4e5f60718', 'i-0a1b2c3d4e5f60719'] },
  cluster: { resource: 'cluster/demo', spec: () => clusterSpec(), seed: controlPlaneOnlySeed, ids: ['demo'] },
  addon: { resource: `addon/demo/${ADDON.name}`, spec: addonSpec, seed: demoSeed, ids: [ADDON.resourceId] },
};

/**
 * The custom-AMI node group's launch-template roll on `legacy` ends Failed because the new template version's
 * image does not bring up nodes. AmiIdNotFound is a NodegroupIssueCode (a node group's health), not an update
 * ErrorCode, so EKS reports such an update as NodeCreationFailure; the wording is EKS's, as seen in
 * https://github.com/aws-ia/terraform-aws-eks-blueprints/issues/1873.
 */
const CUSTOM_AMI_FAILURE = {
  code: 'NodeCreationFailure',
  message: 'Couldn\'t proceed with upgrade process as new nodes are not joining node group custom',
  target: { resource: 'nodegroup/legacy/custom', spec: customSpec, seed: demoSeed, ids: ['i-0c1d2e3f4a5b6c7d8'] } as FailureTarget,
};

/**
 * A Failed update for every error code in the SDK's ErrorCode enum: the run fails with the code, EKS's
 * message, the resource ids and the update id; once the cause is gone, the next apply converges.
 */
export function failedUpdates(): Scenario[] {
  const failing = (name: string, where: FailureTarget, code: string, message: string | undefined): Scenario => ({
    name,
    expect: 'fail',
    run: async (v) => {
      const seed = where.seed();
      const spec = where.spec();
      const w = steppedWorld(seed);
      w.sim.injectFault({ kind: 'updateFailure', resource: where.resource, errorCode: code, resourceIds: where.ids, ...(message ? { errorMessage: message } : {}) });
      const first = await applyInProcess(w, spec);
      await expectFailureThenRecovery(v, w, seed, spec, first, (failed) => {
        const e = failed.errors![0];
        const texts: Array<string | RegExp> = [`${e.errorCode}: ${e.errorMessage}`, ...where.ids];
        if (code === 'PodEvictionFailure') texts.push(/force: true/);
        return texts;
      });
    },
  });
  const scenarios = Object.values(ErrorCode).map((code): Scenario => {
    const target = FAILURES[code] ?? { resource: 'nodegroup', message: `The update failed with ${code}` };
    const where = FAILURE_SPECS[target.resource];
    return failing(`${where.resource.split('/')[0]} update ends Failed with ${code}`, where, code, target.message);
  });
  const custom = CUSTOM_AMI_FAILURE;
  return [
    ...scenarios,
    failing(`${custom.target.resource} launch-template update ends Failed with ${custom.code} (its new AMI's nodes never join)`, custom.target, custom.code, custom.message),
    {
      name: 'PodEvictionFailure armed, node group has force: true',
      expect: 'converge',
      run: async (v) => {
        const seed = demoSeed();
        const spec = nodegroupSpec({ force: true });
        const w = steppedWorld(seed);
        w.sim.injectFault({ kind: 'updateFailure', resource: 'nodegroup/demo/general', errorCode: 'PodEvictionFailure' });
        const run = await applyInProcess(w, spec);
        v.converged = await checkConverged(v, w.sim, run, spec, seed);
        checkInvariants(v, w.sim, [runOf(run)]);
      },
    },
    {
      name: 'NodeCreationFailure on one node group while another rolls in the same phase',
      expect: 'fail',
      run: async (v) => {
        const seed = demoSeed();
        const spec = demoSpec('1.30');
        const w = steppedWorld(seed);
        w.sim.injectFault({ kind: 'updateFailure', resource: 'nodegroup/demo/batch', errorCode: 'NodeCreationFailure' });
        const first = await applyInProcess(w, spec);
        const general = (w.sim.state().updates ?? []).filter((u) => u.nodegroup === 'general');
        v.check(general.length === 2 && general.every((u) => u.status === 'Successful'),
          () => `the other lane did not finish: general's updates are ${general.map((u) => `${u.type} ${u.status}`).join(', ')}`);
        await expectFailureThenRecovery(v, w, seed, spec, first, (failed) => [`${failed.errors![0].errorCode}: ${failed.errors![0].errorMessage}`]);
      },
    },
  ];
}

/** The first run failed because of exactly one Failed update; after clearing faults, the next run converges. */
async function expectFailureThenRecovery(
  v: Verdict, w: World, seed: SimSeed, spec: SpecJson, first: RunResult,
  texts: (failed: NonNullable<ReturnType<World['sim']['state']>['updates']>[number]) => Array<string | RegExp>,
): Promise<void> {
  const failed = (w.sim.state().updates ?? []).filter((u) => u.status === 'Failed');
  v.check(failed.length === 1, `expected one Failed update, found ${failed.length}`);
  if (failed[0]) checkFailure(v, first, 'failed', texts(failed[0]), [failed[0].id]);
  v.converged = first.end === 'converged';
  w.sim.clearFaults();
  const second = await applyInProcess(w, spec);
  await checkConverged(v, w.sim, second, spec, seed, 'the apply after the failure');
  checkInvariants(v, w.sim, [runOf(first), runOf(second)]);
}

/** A world and spec in which the apply makes exactly one update with `operation`. */
const ONE_UPDATE: Record<string, { spec: () => SpecJson; seed: () => SimSeed }> = {
  UpdateClusterVersion: { spec: () => clusterSpec(), seed: controlPlaneOnlySeed },
  UpdateNodegroupVersion: { spec: () => nodegroupSpec(), seed: demoSeed },
  UpdateNodegroupConfig: { spec: nodegroupConfigSpec, seed: demoSeed },
  UpdateAddon: { spec: addonSpec, seed: demoSeed },
};

/**
 * DescribeUpdate does not know a new update for a while (and the resource still reads ACTIVE): within
 * the engine's one-minute grace the run waits and converges.
 */
export function eventualConsistency(): Scenario[] {
  const single = UPDATE_OPERATIONS.map((operation): Scenario => ({
    name: `${operation}: the new update is invisible for 20 s`,
    expect: 'converge',
    run: async (v) => {
      const seed = ONE_UPDATE[operation].seed();
      const spec = ONE_UPDATE[operation].spec();
      const w = steppedWorld(seed);
      w.sim.injectFault({ kind: 'eventualConsistency', seconds: 20, operation });
      const run = await applyInProcess(w, spec);
      v.check(run.calls.some((c) => c.operation === 'DescribeUpdate' && c.status === 404), 'DescribeUpdate never missed the new update: the fault did not bite');
      v.converged = await checkConverged(v, w.sim, run, spec, seed);
      checkInvariants(v, w.sim, [runOf(run)]);
    },
  }));
  return [
    ...single,
    {
      name: 'UpdateAddon: the new update is invisible for 90 s, past the engine\'s grace',
      expect: 'fail',
      run: async (v) => {
        const seed = demoSeed();
        const spec = addonSpec();
        const w = steppedWorld(seed);
        w.sim.injectFault({ kind: 'eventualConsistency', seconds: 90, operation: 'UpdateAddon' });
        const first = await applyInProcess(w, spec);
        const ids = createdIds(first.calls);
        v.check(ids.length === 1, `expected one update, found ${ids.length}`);
        // The update was started, so this is no rejection (exit 2: nothing was changed). What stopped the
        // wait is EKS's answer to DescribeUpdate; the run must say so, not only that it stopped.
        checkFailure(v, first, ['failed', 'timed out'], ['No update found for ID'], ids);
        v.converged = first.end === 'converged';
        const second = await applyInProcess(w, spec);
        await checkConverged(v, w.sim, second, spec, seed, 'the next apply');
        checkInvariants(v, w.sim, [runOf(first), runOf(second)]);
      },
    },
    {
      name: 'every update of a 1.29 → 1.30 apply is invisible for 45 s',
      expect: 'converge',
      run: async (v) => {
        const seed = demoSeed();
        const spec = demoSpec('1.30');
        const w = steppedWorld(seed);
        for (const operation of UPDATE_OPERATIONS) w.sim.injectFault({ kind: 'eventualConsistency', seconds: 45, operation });
        const run = await applyInProcess(w, spec);
        v.converged = await checkConverged(v, w.sim, run, spec, seed);
        checkInvariants(v, w.sim, [runOf(run)]);
      },
    },
  ];
}

/** An actor other than the engine (a person, another pipeline) in the same cluster. */
function someoneElse(w: World): EKSClient {
  return inProcessClient(w.sim);
}

/**
 * Updates someone else started: before the apply (the engine must attach and await, never duplicate),
 * a moment before the engine's own request (ResourceInUse: await, then find it done), or one that fails.
 */
export function foreignUpdates(): Scenario[] {
  type Before = { name: string; spec: () => SpecJson; seed?: () => SimSeed; start: (eks: EKSClient) => Promise<string | undefined> };
  const before: Before[] = [
    {
      name: 'control plane 1.29 → 1.30 started by someone else before the apply',
      spec: () => clusterSpec(),
      seed: controlPlaneOnlySeed,
      start: async (eks) => (await eks.send(new UpdateClusterVersionCommand({ name: 'demo', version: '1.30' }))).update?.id,
    },
    {
      name: `${ADDON.name} update to the same target started by someone else before the apply`,
      spec: addonSpec,
      start: async (eks) => (await eks.send(new UpdateAddonCommand({ clusterName: 'demo', addonName: ADDON.name, addonVersion: ADDON.to }))).update?.id,
    },
    {
      name: 'coredns update to an older version than the target started by someone else before the apply',
      spec: () => smallSpec({ addons: [{ name: 'coredns', version: 'latest' }] }),
      start: async (eks) => (await eks.send(new UpdateAddonCommand({ clusterName: 'demo', addonName: 'coredns', addonVersion: 'v1.11.3-eksbuild.1' }))).update?.id,
    },
    {
      name: 'node group AMI update started by someone else before the apply',
      spec: () => nodegroupSpec(),
      start: async (eks) => (await eks.send(new UpdateNodegroupVersionCommand({ clusterName: 'demo', nodegroupName: 'general' }))).update?.id,
    },
    {
      name: 'node group config update started by someone else before the apply',
      spec: nodegroupConfigSpec,
      start: async (eks) => (await eks.send(new UpdateNodegroupConfigCommand({ clusterName: 'demo', nodegroupName: 'general', updateConfig: { maxUnavailable: 2 } }))).update?.id,
    },
    {
      name: 'control plane update started by someone else before a 1.29 → 1.31 apply',
      // The first control-plane step of an interleaved plan (node groups match 1.30 before 1.31), on a seed whose
      // add-ons let someone else start it without force.
      spec: () => demoSpec('1.31', { addons: [{ name: 'vpc-cni', version: 'latest' }, { name: 'coredns', version: 'clusterDefault' }] }),
      seed: controlPlaneOnlySeed,
      start: async (eks) => (await eks.send(new UpdateClusterVersionCommand({ name: 'demo', version: '1.30' }))).update?.id,
    },
  ];
  const scenarios = before.map((b): Scenario => ({
    name: b.name,
    expect: 'converge',
    run: async (v) => {
      const seed = (b.seed ?? demoSeed)();
      const spec = b.spec();
      const w = steppedWorld(seed);
      const eks = someoneElse(w);
      const theirs = await b.start(eks);
      eks.destroy();
      v.check(theirs !== undefined, 'someone else\'s update did not start');
      const run = await applyInProcess(w, spec);
      v.check(run.report.attached.some((a) => a.updateId === theirs), `the run did not attach to update ${theirs}: ${JSON.stringify(run.report.attached)}`);
      v.converged = await checkConverged(v, w.sim, run, spec, seed);
      checkInvariants(v, w.sim, [runOf(run)], new Set([theirs!]));
    },
  }));

  const races = UPDATE_OPERATIONS.map((operation): Scenario => ({
    name: `someone else's identical ${operation} lands a moment before the engine's`,
    expect: 'converge',
    run: async (v) => {
      const seed = ONE_UPDATE[operation].seed();
      const spec = ONE_UPDATE[operation].spec();
      const w = steppedWorld(seed);
      const theirs = new Set<string>();
      const hook: RequestHook = async (request, forward) => {
        if (theirs.size === 0 && mutatingOperation(request) === operation) {
          const body = { ...JSON.parse(bodyText(request.body)), clientRequestToken: 'someone-else-0001' };
          const answer = await w.sim.handle(simRequest(request, JSON.stringify(body)));
          theirs.add(JSON.parse(answer.body).update?.id ?? 'none');
        }
        return forward();
      };
      const run = await applyInProcess(w, spec, { hook });
      v.check(run.calls.some((c) => c.operation === operation && c.status === 409 && !c.createdUpdate),
        `the engine's ${operation} was not answered ResourceInUseException (409)`);
      v.converged = await checkConverged(v, w.sim, run, spec, seed);
      checkInvariants(v, w.sim, [runOf(run)], theirs);
    },
  }));

  /**
   * Someone else's identical change slips in between the engine's reads before its own request: the
   * engine's describe and its ListUpdates (the update history its token is derived from) see different
   * worlds. Virtual time makes the interleaving exact.
   */
  const TARGETS = {
    'config update': {
      spec: nodegroupConfigSpec,
      seed: demoSeed,
      describe: '/clusters/demo/node-groups/general',
      history: (q: SdkRequest['query']) => q?.nodegroupName === 'general',
      theirs: { path: '/clusters/demo/node-groups/general/update-config', body: { updateConfig: { maxUnavailable: 2 } } },
      lasts: 30,
    },
    'control-plane update': {
      spec: () => clusterSpec(),
      seed: controlPlaneOnlySeed,
      describe: '/clusters/demo',
      history: (q: SdkRequest['query']) => q?.nodegroupName === undefined && q?.addonName === undefined,
      theirs: { path: '/clusters/demo/updates', body: { version: '1.30' } },
      lasts: 600,
    },
  };
  const interleaved = (what: keyof typeof TARGETS, at: 'history' | 'running-check'): Scenario => ({
    name: at === 'history'
      ? `someone else's identical ${what} starts and ends between the engine's describe and its ListUpdates`
      : `someone else's identical ${what}, started just before the engine's describe, ends while the engine looks it up`,
    expect: 'converge',
    run: async (v) => {
      const target = TARGETS[what];
      const seed = target.seed();
      const spec = target.spec();
      const w = steppedWorld(seed);
      const clock = w.sim.clock as VirtualClock;
      const theirs = new Set<string>();
      let describes = 0;
      let started = false;
      let advanced = false;
      const startTheirs = async () => {
        const body = JSON.stringify({ ...target.theirs.body, clientRequestToken: 'someone-else-0002' });
        const answer = await w.sim.handle({ method: 'POST', path: target.theirs.path, query: {}, headers: { 'content-type': 'application/json' }, body });
        theirs.add(JSON.parse(answer.body).update?.id ?? 'none');
        started = true;
      };
      const hook: RequestHook = async (request, forward) => {
        const isDescribe = request.method === 'GET' && request.path === target.describe;
        const isHistory = request.method === 'GET' && request.path === '/clusters/demo/updates' && target.history(request.query);
        // The first describe is the state reader's; the second is the executor's check before its request.
        if (isDescribe && ++describes === 2 && at === 'running-check') await startTheirs();
        if (isHistory && !advanced) {
          if (at === 'history') await startTheirs();
          if (started) {
            advanced = true;
            clock.advance(2 * target.lasts * 1000); // their update is over
          }
        }
        return forward();
      };
      const run = await applyInProcess(w, spec, { hook });
      v.check(started, 'someone else\'s update never started');
      v.converged = await checkConverged(v, w.sim, run, spec, seed);
      checkInvariants(v, w.sim, [runOf(run)], theirs);
    },
  });
  const races2 = [
    interleaved('config update', 'history'),
    interleaved('config update', 'running-check'),
    interleaved('control-plane update', 'running-check'),
  ];

  const failing: Scenario = {
    name: `someone else's ${ADDON.name} update, running at the start, ends Failed`,
    expect: 'fail',
    run: async (v) => {
      const seed = demoSeed();
      const spec = addonSpec();
      const w = steppedWorld(seed);
      w.sim.injectFault({ kind: 'updateFailure', resource: `addon/demo/${ADDON.name}`, errorCode: 'ConfigurationConflict', errorMessage: 'Conflicts found when applying the add-on configuration' });
      const eks = someoneElse(w);
      const theirs = (await eks.send(new UpdateAddonCommand({ clusterName: 'demo', addonName: ADDON.name, addonVersion: ADDON.to }))).update!.id!;
      eks.destroy();
      const first = await applyInProcess(w, spec);
      checkFailure(v, first, 'failed', ['ConfigurationConflict: Conflicts found when applying the add-on configuration'], [theirs]);
      v.converged = first.end === 'converged';
      w.sim.clearFaults();
      const second = await applyInProcess(w, spec);
      await checkConverged(v, w.sim, second, spec, seed, 'the apply after the failure');
      checkInvariants(v, w.sim, [runOf(first), runOf(second)], new Set([theirs]));
    },
  };
  return [...scenarios, ...races, ...races2, failing];
}

/**
 * An add-on DEGRADED after its update succeeded: briefly (the engine waits and converges) or for good
 * (the run fails naming the health issues and the update).
 */
export function degradedAddons(): Scenario[] {
  const transient = (seconds: number, addon: string, spec: () => SpecJson): Scenario => ({
    name: `${addon} DEGRADED for ${seconds} s after its update`,
    expect: 'converge',
    run: async (v) => {
      const seed = demoSeed();
      const w = steppedWorld(seed);
      w.sim.injectFault({ kind: 'addonDegraded', resource: `addon/demo/${addon}`, seconds });
      const run = await applyInProcess(w, spec());
      v.check(w.sim.faults().length === 0, 'the add-on was never degraded: the fault is still armed');
      v.converged = await checkConverged(v, w.sim, run, spec(), seed);
      checkInvariants(v, w.sim, [runOf(run)]);
    },
  });
  const persistent = (issues: Array<{ code: string; message: string; resourceIds?: string[] }> | undefined): Scenario => ({
    name: `${ADDON.name} stays DEGRADED after its update (${issues ? issues.map((i) => i.code).join(' + ') : 'default health issue'})`,
    expect: 'fail',
    run: async (v) => {
      const seed = demoSeed();
      const spec = addonSpec();
      const w = steppedWorld(seed);
      w.sim.injectFault({ kind: 'addonDegraded', resource: `addon/demo/${ADDON.name}`, ...(issues ? { issues } : {}) });
      const first = await applyInProcess(w, spec);
      const addon = clusterOf(w.sim.state()).addons!.find((a) => a.name === ADDON.name)!;
      const update = (w.sim.state().updates ?? []).find((u) => u.addon === ADDON.name);
      v.check(addon.status === 'DEGRADED', `${ADDON.name} is ${addon.status}, expected DEGRADED`);
      checkFailure(v, first, 'failed', [/DEGRADED/, ...(addon.healthIssues ?? []).map((i) => `${i.code}: ${i.message}`)], update ? [update.id] : []);
      v.converged = first.end === 'converged';
      w.sim.clearFaults();
      const second = await applyInProcess(w, spec);
      await checkConverged(v, w.sim, second, spec, seed, 'the apply after the add-on recovered');
      checkInvariants(v, w.sim, [runOf(first), runOf(second)]);
    },
  });
  return [
    transient(60, ADDON.name, addonSpec),
    transient(240, ADDON.name, addonSpec),
    transient(90, 'coredns', () => demoSpec('1.30')),
    persistent(undefined),
    persistent([
      { code: 'ConfigurationConflict', message: 'Conflicts found when applying the add-on configuration', resourceIds: [ADDON.resourceId] },
      { code: 'AdmissionRequestDenied', message: 'An admission webhook denied the aws-node DaemonSet', resourceIds: [ADDON.resourceId] },
    ]),
  ];
}
