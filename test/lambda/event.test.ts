import { RunReport } from '../../src/engine/run-report';
import { DEADLINE_MARGIN_ENV_VAR, DEFAULT_DEADLINE_MARGIN_MS, deadlineMargin, deadlineMessage, watchDeadline } from '../../src/lambda/deadline';
import { specDiff } from '../../src/lambda/diff';
import { readLambdaEvent } from '../../src/lambda/event';

const base = {
  specVersion: 1,
  clusterName: 'prod',
  controlPlane: { version: '1.31' },
  addons: [{ name: 'vpc-cni', version: 'latest' }, { name: 'coredns', version: 'clusterDefault' }],
  nodegroups: [{ name: 'general', releaseVersion: 'latest', updateConfig: { maxUnavailable: 2 } }],
};

describe('specDiff', () => {
  test.each<[string, Record<string, unknown>, string[]]>([
    ['nothing changed', base, []],
    ['the control-plane version', { ...base, controlPlane: { version: '1.32' } }, ['controlPlane.version']],
    ['a field added where it was absent', { ...base, region: 'eu-west-1' }, ['region']],
    ['a node-group field, by name', { ...base, nodegroups: [{ ...base.nodegroups[0], updateConfig: { maxUnavailable: 3 } }] }, ['nodegroups[general].updateConfig.maxUnavailable']],
    ['an add-on added and one removed', { ...base, addons: [base.addons[0], { name: 'kube-proxy', version: 'latest' }] }, ['addons[kube-proxy]', 'addons[coredns]']],
    ['reordered named lists are no change', { ...base, addons: [base.addons[1], base.addons[0]] }, []],
    ['null and absent are the same', { ...base, region: null }, []],
    ['key order is no change', { nodegroups: base.nodegroups, addons: base.addons, controlPlane: base.controlPlane, clusterName: 'prod', specVersion: 1 }, []],
  ])('%s', (_, current, expected) => {
    expect(specDiff(base, current)).toEqual(expected);
  });

  test('a launch template version (a number once Terraform resolved it), and a node group switched to a template', () => {
    const withLt = (version: number) => ({ ...base, nodegroups: [{ name: 'general', launchTemplate: { name: 'lt', version } }] });
    expect(specDiff(withLt(6), withLt(7))).toEqual(['nodegroups[general].launchTemplate.version']);
    expect(specDiff(base, withLt(7))).toEqual(['nodegroups[general].launchTemplate', 'nodegroups[general].releaseVersion', 'nodegroups[general].updateConfig']);
  });

  test('lists that are not named items compare as a whole', () => {
    const withAssociations = (roles: string[]) => ({ ...base, addons: [{ name: 'vpc-cni', podIdentityAssociations: roles.map((r) => ({ serviceAccount: 'aws-node', roleArn: r })) }] });
    expect(specDiff(withAssociations(['arn:aws:iam::111122223333:role/a']), withAssociations(['arn:aws:iam::111122223333:role/b'])))
      .toEqual(['addons[vpc-cni].podIdentityAssociations']);
  });

  test('inputs that are not objects', () => {
    expect(specDiff({ a: 1 }, 'x')).toEqual(['(the whole input)']);
    expect(specDiff([1], [2])).toEqual(['(the whole input)']);
  });
});

describe('readLambdaEvent', () => {
  test('create: the spec without the lifecycle key, no previous input', () => {
    expect(readLambdaEvent({ ...base, tf: { action: 'create', prev_input: null } })).toEqual({ action: 'create', input: base, previous: undefined });
  });

  test('update: the previous input, without a lifecycle key of its own', () => {
    const prev = { ...base, controlPlane: { version: '1.30' }, tf: { action: 'create', prev_input: null } };
    const { previous } = readLambdaEvent({ ...base, tf: { action: 'update', prev_input: prev } });
    expect(previous).toEqual({ ...base, controlPlane: { version: '1.30' } });
  });

  test('a direct invocation with only a spec reconciles like a create', () => {
    expect(readLambdaEvent(base).action).toBe('create');
  });

  test.each<[string, unknown, RegExp]>([
    ['a string', 'spec', /the event must be a JSON object.*got string "spec"/],
    ['an array', [base], /the event must be a JSON object.*got an array/],
    ['tf not an object', { ...base, tf: 'create' }, /event\.tf must be an object \{ action, prev_input \}/],
    ['an unknown action', { ...base, tf: { action: 'read' } }, /event\.tf\.action must be one of create, update, delete; got string "read"/],
    ['prev_input not an object', { ...base, tf: { action: 'update', prev_input: '{}' } }, /event\.tf\.prev_input must be the previous input/],
  ])('refuses %s', (_, event, message) => {
    expect(() => readLambdaEvent(event)).toThrow(message);
  });
});

describe('deadline', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  test('the margin comes from the environment, checked', () => {
    expect(deadlineMargin({})).toBe(DEFAULT_DEADLINE_MARGIN_MS);
    expect(deadlineMargin({ [DEADLINE_MARGIN_ENV_VAR]: '1500' })).toBe(1500);
    expect(() => deadlineMargin({ [DEADLINE_MARGIN_ENV_VAR]: 'soon' })).toThrow(/EKS_UPGRADE_DEADLINE_MARGIN_MS="soon" must be a number of milliseconds/);
  });

  test('fires once when the remaining time reaches the margin, and not after stop', () => {
    jest.useFakeTimers();
    let remaining = 61_000;
    const onDeadline = jest.fn();
    const stop = watchDeadline({ getRemainingTimeInMillis: () => remaining }, 60_000, onDeadline);
    jest.advanceTimersByTime(5_000);
    expect(onDeadline).not.toHaveBeenCalled();
    remaining = 59_999;
    jest.advanceTimersByTime(250);
    expect(onDeadline).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(5_000);
    expect(onDeadline).toHaveBeenCalledTimes(1);
    stop();

    const never = jest.fn();
    const stopEarly = watchDeadline({ getRemainingTimeInMillis: () => remaining + 10_000 }, 60_000, never);
    stopEarly();
    remaining = 0;
    jest.advanceTimersByTime(60_000);
    expect(never).not.toHaveBeenCalled();
    expect(jest.getTimerCount()).toBe(0);
  });

  test('already past the margin at the start: fires at once', () => {
    const onDeadline = jest.fn();
    watchDeadline({ getRemainingTimeInMillis: () => 30_000 }, 60_000, onDeadline);
    expect(onDeadline).toHaveBeenCalledTimes(1);
  });

  test('the message names started and attached updates still running, and says the next apply resumes', () => {
    const report: RunReport = {
      cluster: 'prod',
      startedAt: '2025-01-01T00:00:00Z',
      outcome: 'timed out',
      attached: [{ resource: 'addon/coredns', updateId: 'u-attached', outcome: 'running' }, { resource: 'addon/vpc-cni', updateId: 'u-done', outcome: 'Successful' }],
      steps: [
        { phase: 'p', resource: 'cluster/prod', action: 'cluster-version', target: '1.30 → 1.31', reason: 'r', updateId: 'u-1', outcome: 'Successful' },
        { phase: 'p', resource: 'nodegroup/a', action: 'nodegroup-version', target: '1.31', reason: 'r', updateId: 'u-2', outcome: 'running' },
        { phase: 'p', resource: 'nodegroup/b', action: 'nodegroup-version', target: '1.31', reason: 'r', outcome: 'not started' },
      ],
      warnings: [],
      apiCalls: {},
    };
    const message = deadlineMessage(report, 60_000);
    expect(message).toContain('stopped waiting 60s before the Lambda function\'s deadline');
    expect(message).toContain('1 of 3 planned steps had finished');
    expect(message).toContain('  - addon/coredns: update u-attached (already running when this run began)\n  - nodegroup/a: update u-2 (nodegroup-version 1.31)');
    expect(message).not.toContain('u-done');
    expect(message).toMatch(/next terraform apply resumes the upgrade: it attaches to these updates and waits for them instead of starting them again/);
    expect(deadlineMessage({ ...report, attached: [], steps: [] }, 60_000)).toMatch(/No update was running at that moment\. The next terraform apply resumes/);
  });
});
