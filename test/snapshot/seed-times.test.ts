/**
 * Times in a snapshot seed: a running update is given its typical remaining time from the snapshot on (EKS does not
 * say when it ends), an Auto Mode rollback keeps its phase, and `--state` moves every time to the simulator's start.
 */
import type { Cluster, Update } from '@aws-sdk/client-eks';
import { rebaseSeed, type SimSeed } from '../../src/simulator/seed';
import { MIN_REMAINING_SECONDS, seedUpdate } from '../../src/snapshot/seed-update';

const T = Date.parse('2026-03-01T12:00:00.000Z');
const at = (seconds: number) => new Date(T + seconds * 1000);
const iso = (seconds: number) => at(seconds).toISOString();
const cluster = (over: Partial<Cluster> = {}): Cluster => ({ name: 'prod', version: '1.31', platformVersion: 'eks.29', status: 'UPDATING', ...over });
const update = (over: Partial<Update>): Update => ({ id: 'u-1', status: 'InProgress', type: 'VersionUpdate', params: [], createdAt: at(-120), ...over });

describe('seedUpdate', () => {
  test('a control-plane update 2 minutes in runs its typical 10 minutes: 8 more from the snapshot', () => {
    const { update: u } = seedUpdate(update({ params: [{ type: 'Version', value: '1.32' }, { type: 'PlatformVersion', value: 'eks.17' }] }), {}, { cluster: cluster() }, T);
    expect(u).toMatchObject({ createdAt: iso(-120), endsAt: iso(480), effect: { kind: 'clusterVersion', version: '1.32', platformVersion: 'eks.17', rollback: false } });
  });

  test('one past its typical time still runs a minute more, never ends in the past', () => {
    const { update: u } = seedUpdate(update({ createdAt: at(-3600) }), {}, { cluster: cluster() }, T);
    expect(u.endsAt).toBe(iso(MIN_REMAINING_SECONDS));
  });

  test('a finished update ends no later than the snapshot, and its errors are kept', () => {
    const errors = [{ errorCode: 'PodEvictionFailure' as const, errorMessage: 'Reached max retries while trying to evict pods', resourceIds: ['ip-10-0-1-1'] }];
    const { update: u } = seedUpdate(update({ status: 'Failed', createdAt: at(-60), errors }), { nodegroupName: 'web' }, {
      cluster: cluster(), nodegroup: { nodegroupName: 'web', version: '1.31', scalingConfig: { desiredSize: 4 }, updateConfig: { maxUnavailable: 1 } },
    }, T);
    expect(u).toMatchObject({ status: 'Failed', nodegroup: 'web', endsAt: iso(0), errors });
  });

  test('ROLLBACK-AUTO-MODE: a rollback whose cluster reads ACTIVE is in its node phase; one reading UPDATING is past it', () => {
    const auto = { computeConfig: { enabled: true } };
    const rollback = update({ type: 'VersionRollback', createdAt: at(-100), params: [{ type: 'Version', value: '1.30' }] });
    const nodes = seedUpdate(rollback, {}, { cluster: cluster({ ...auto, status: 'ACTIVE' }) }, T).update;
    expect(nodes).toMatchObject({ nodesPhaseEndsAt: iso(200), endsAt: iso(800), effect: { kind: 'clusterVersion', version: '1.30', rollback: true } });
    const controlPlane = seedUpdate(rollback, {}, { cluster: cluster({ ...auto, status: 'UPDATING' }) }, T).update;
    expect(controlPlane).toMatchObject({ nodesPhaseEndsAt: iso(0), endsAt: iso(800) });
  });

  test('an update the simulator does not model keeps its resource busy and says so', () => {
    const mapped = seedUpdate(update({ type: 'LoggingUpdate', params: [{ type: 'ClusterLogging', value: '{}' }] }), {}, { cluster: cluster() }, T);
    expect(mapped.update.effect).toEqual({ kind: 'none' });
    expect(mapped.notes).toEqual(['update u-1 (LoggingUpdate) is running: the rehearsal keeps its resource busy but does not model its change']);
  });

  test('a node group config update sets one size field and keeps the strategy it does not name', () => {
    const { update: u } = seedUpdate(update({ type: 'ConfigUpdate', params: [{ type: 'MaxUnavailablePercentage', value: '33' }] }), { nodegroupName: 'web' }, {
      cluster: cluster(), nodegroup: { nodegroupName: 'web', updateConfig: { maxUnavailable: 1, updateStrategy: 'MINIMAL' } },
    }, T);
    expect(u.effect).toEqual({ kind: 'nodegroupConfig', updateConfig: { maxUnavailablePercentage: 33, updateStrategy: 'MINIMAL' } });
  });
});

describe('rebaseSeed', () => {
  const seed = (): SimSeed => ({
    timeOrigin: iso(0),
    clusters: [{
      name: 'prod',
      version: '1.31',
      createdAt: iso(-86_400),
      upgradedAt: iso(-3600),
      nodegroups: [{ name: 'web', version: '1.31', amiType: 'AL2023_x86_64_STANDARD', createdAt: iso(-7200), modifiedAt: iso(-60) }],
      addons: [{ name: 'coredns', version: 'v1.11.3-eksbuild.1', createdAt: iso(-7200) }],
    }],
    updates: [{ id: 'u', cluster: 'prod', type: 'VersionUpdate', status: 'InProgress', params: [], createdAt: iso(-120), endsAt: iso(480), effect: { kind: 'none' } }],
  });

  test('every time moves by the same amount, so ages and remaining times stay, and timeOrigin is dropped', () => {
    const now = Date.parse('2025-06-02T00:00:00.000Z');
    const moved = rebaseSeed(seed(), now);
    const back = (t: string | undefined) => (Date.parse(t!) - now) / 1000;
    expect(moved.timeOrigin).toBeUndefined();
    expect(back(moved.clusters[0].createdAt)).toBe(-86_400);
    expect(back(moved.clusters[0].upgradedAt)).toBe(-3600);
    expect(back(moved.clusters[0].nodegroups![0].modifiedAt)).toBe(-60);
    expect(back(moved.clusters[0].addons![0].createdAt)).toBe(-7200);
    expect([back(moved.updates![0].createdAt), back(moved.updates![0].endsAt)]).toEqual([-120, 480]);
  });

  test('a seed without timeOrigin is left as it is; a malformed one names the field', () => {
    const plain = { ...seed(), timeOrigin: undefined };
    expect(rebaseSeed(plain, 0)).toBe(plain);
    expect(() => rebaseSeed({ ...seed(), timeOrigin: 'yesterday' }, 0)).toThrow("timeOrigin 'yesterday' is not an ISO 8601 time: fix it or remove the field");
  });
});
