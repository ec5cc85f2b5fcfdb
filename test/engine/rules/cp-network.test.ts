/**
 * CP-NETWORK (docs/eks-rules.md): the control plane's subnets and security groups are checked at plan, each refusal
 * naming the resource; the number five and its source are cited.
 */
import { NetworkFacts } from '../../../src/aws/cluster-network';
import { formatPlan } from '../../../src/engine/plan-format';
import { planUpgrade } from '../../../src/engine/planner';
import { CONTROL_PLANE_FREE_ADDRESSES } from '../../../src/engine/rules/cp-network';
import { liveState, planProblems, specFor } from '../fixtures/planner-fixtures';

const network = (free: number[], missingSubnets: string[] = [], missingSecurityGroups: string[] = []): NetworkFacts => ({
  subnets: free.map((n, i) => ({ id: `subnet-${i}`, availableIpAddressCount: n })), missingSubnets, missingSecurityGroups,
});
const plan = (n: NetworkFacts | undefined) => planUpgrade(specFor('1.31'), { ...liveState({ version: '1.30' }), ...(n ? { network: n } : {}) });

test('CP-NETWORK: the figure is the update-cluster guide\'s five', () => expect(CONTROL_PLANE_FREE_ADDRESSES).toBe(5));

test.each([
  [[2, 2], /subnets have 4 free IP address\(es\) in all \(subnet-0 has 2, subnet-1 has 2\); EKS requires up to 5/],
  [[0, 4], /subnets have 4 free IP address\(es\) in all \(subnet-0 has 0, subnet-1 has 4\)/],
  [[4], /subnet-0 has 4\)/],
])('CP-NETWORK: subnets with %j free addresses are refused at plan, naming each subnet', (free, message) => {
  const problems = planProblems(() => plan(network(free)));
  expect(problems.map((p) => p.rule)).toEqual(['CP-NETWORK']);
  expect(problems[0].message).toMatch(message);
});

test.each([
  [[5], []],
  [[3, 2], ['subnet subnet-0 has 3 free IP address(es)', 'subnet subnet-1 has 2 free IP address(es)']],
  [[0, 250], ['subnet subnet-0 has 0 free IP address(es)']],
])('CP-NETWORK: subnets with %j free addresses plan, with warnings %j', (free, warned) => {
  const p = plan(network(free));
  expect(p.findings.filter((f) => f.rule === 'CP-NETWORK').map((f) => f.message.split(',')[0])).toEqual(warned);
});

test('CP-NETWORK: a missing subnet and a missing security group are refused, each named', () => {
  const problems = planProblems(() => plan(network([100], ['subnet-gone'], ['sg-gone'])));
  expect(problems.map((p) => p.message.split(',')[0])).toEqual(['subnet subnet-gone', 'security group sg-gone of the cluster does not exist (EKS would fail the update with SecurityGroupNotFound): restore it']);
});

test('CP-NETWORK: without an EC2 reader the plan says nothing was checked', () => {
  const why = 'this run was given no EC2 reader';
  const p = plan({ subnets: [], missingSubnets: [], missingSecurityGroups: [], unread: { subnets: why, securityGroups: why } });
  expect(formatPlan(p, '1.30', '1.31')).toMatch(/note: the control plane's subnets and security groups were not checked: this run was given no EC2 reader$/m);
});

test('CP-NETWORK: a part not read is noted on its own, and the part read is still checked', () => {
  const refused = 'EC2 refused DescribeSecurityGroups (UnauthorizedOperation): grant ec2:DescribeSecurityGroups to the identity the run uses (docs/iam.md)';
  const problems = planProblems(() => plan({ ...network([2, 1]), unread: { securityGroups: refused } }));
  expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/^the cluster's subnets have 3 free IP address\(es\) in all/)]);
  const p = plan({ ...network([250]), unread: { securityGroups: refused } });
  const text = formatPlan(p, '1.30', '1.31');
  expect(text).toContain(`note: the control plane's security groups were not checked: ${refused}`);
  expect(text).not.toMatch(/subnets were not checked/);
});
