/**
 * DATA-PLANE-READ (docs/eks-rules.md): a data plane that could not be read is one line naming what was not checked
 * and why (severity unknown), or a refusal before any change under policy.dataPlane 'required'; 'off' says nothing.
 */
import { checkDataPlane } from '../../../src/engine/data-plane-gate';
import { controlPlaneSteps } from '../../../src/engine/rules/control-plane-steps';
import { DataPlaneRead } from '../../../src/kubernetes/read-data-plane';
import { DataPlanePolicyValue, DEFAULT_POLICY } from '../../../src/upgrade-spec/upgrade-spec';

const forbidden: DataPlaneRead = { status: 'skipped', failure: 'forbidden', reason: 'role arn:aws:iam::1:role/x may not list nodes' };
const off: DataPlaneRead = { status: 'skipped', failure: 'off', reason: "policy.dataPlane is 'off'" };

describe('DATA-PLANE-READ', () => {
  test.each([
    // [policy, read, steps to, severities]
    ['best-effort', forbidden, '1.31', ['unknown']],
    ['required', forbidden, '1.31', ['refuse']],
    ['off', off, '1.31', []],
    ['best-effort', forbidden, '1.30', []], // no control-plane step: nothing to check
  ] as Array<[DataPlanePolicyValue, DataPlaneRead, string, string[]]>)('policy %s, %o, to %s: %j', (dataPlane, read, to, severities) => {
    const findings = checkDataPlane(read, controlPlaneSteps('1.30', to), { ...DEFAULT_POLICY, dataPlane });
    expect(findings.map((f) => f.severity)).toEqual(severities);
    findings.forEach((f) => expect(f).toMatchObject({ rule: 'DATA-PLANE-READ' }));
  });

  test('the one line names what was not checked and why', () => {
    const [f] = checkDataPlane(forbidden, controlPlaneSteps('1.30', '1.31'), DEFAULT_POLICY);
    expect(f.message).toMatch(/Karpenter and self-managed nodes.*Fargate pods.*Auto Mode drift.*were not checked, because role arn:aws:iam::1:role\/x may not list nodes/);
  });
});
