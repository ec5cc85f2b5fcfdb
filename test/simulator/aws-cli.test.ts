/**
 * The simulator through a real client other than the SDK: the AWS CLI (Debian's aws-cli 1.x) runs the operations
 * issue 24 added — ListClusters, StartInsightsRefresh, DescribeInsightsRefresh, DescribeClusterVersions (EKS), and
 * DescribeSubnets, DescribeSecurityGroups (EC2) — against it. Skipped, loudly, where `aws` is not on PATH.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awsCliUnavailable, run } from '../../scripts/rehearsal';
import { defaultSeed, startSimulator, VirtualClock, type RunningSimulator } from '../../src/simulator';

/** aws-cli 1.x prints timestamps as epoch seconds, 2.x as ISO 8601. */
const seconds = (t: number | string) => (typeof t === 'number' ? t : Date.parse(t) / 1000);
const why = awsCliUnavailable();
if (why !== undefined) console.warn(`SKIPPED: the AWS CLI tests (${why})`);
const suite = why === undefined ? describe : describe.skip;

suite('the AWS CLI against the simulator', () => {
  let sim: RunningSimulator;
  let clock: VirtualClock;
  let home: string;
  beforeAll(async () => {
    const seed = defaultSeed();
    seed.vpcs = [{
      vpcId: 'vpc-0abc',
      subnets: [{ subnetId: 'subnet-0small', availableIpAddressCount: 3 }, { subnetId: 'subnet-0big', availableIpAddressCount: 250 }],
      securityGroups: [{ groupId: 'sg-0extra', groupName: 'extra' }],
    }];
    seed.clusters[1].resourcesVpcConfig = { subnetIds: ['subnet-0small', 'subnet-0big'], securityGroupIds: ['sg-0extra'] };
    clock = new VirtualClock();
    sim = await startSimulator({ clock, seed });
    home = mkdtempSync(join(tmpdir(), 'aws-cli-'));
  });
  afterAll(async () => {
    await sim.close();
    rmSync(home, { recursive: true, force: true });
  });

  async function aws(...args: string[]): Promise<any> {
    const env = { PATH: process.env.PATH, HOME: home, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' };
    const r = await run('aws', [...args, '--endpoint-url', sim.url, '--output', 'json'], { cwd: home, env });
    if (r.code !== 0) throw new Error(`aws ${args.join(' ')} failed (${r.code}): ${r.output}`);
    return JSON.parse(r.output);
  }

  test('aws eks list-clusters, all and page by page', async () => {
    const names = defaultSeed().clusters.map((c) => c.name);
    expect(await aws('eks', 'list-clusters')).toEqual({ clusters: names });
    const first = await aws('eks', 'list-clusters', '--max-items', '1');
    expect(first.clusters).toEqual([names[0]]);
    expect((await aws('eks', 'list-clusters', '--starting-token', first.NextToken)).clusters).toEqual(names.slice(1));
    // The service's own pages (maxResults / nextToken), not the CLI's.
    expect((await aws('eks', 'list-clusters', '--page-size', '1')).clusters).toEqual(names);
  });

  test('aws eks start-insights-refresh, then describe-insights-refresh until it completes', async () => {
    expect(await aws('eks', 'start-insights-refresh', '--cluster-name', 'demo')).toMatchObject({ status: 'IN_PROGRESS' });
    expect(await aws('eks', 'describe-insights-refresh', '--cluster-name', 'demo')).toMatchObject({ status: 'IN_PROGRESS' });
    clock.advance(60_000);
    const done = await aws('eks', 'describe-insights-refresh', '--cluster-name', 'demo');
    expect(done.status).toBe('COMPLETED');
    expect(seconds(done.endedAt) - seconds(done.startedAt)).toBe(60);
  });

  test('aws eks describe-cluster-versions, filtered', async () => {
    const out = await aws('eks', 'describe-cluster-versions', '--cluster-versions', '1.29', '1.33');
    expect(out.clusterVersions.map((v: any) => [v.clusterVersion, v.versionStatus])).toEqual([['1.33', 'STANDARD_SUPPORT'], ['1.29', 'EXTENDED_SUPPORT']]);
    expect(seconds(out.clusterVersions[1].endOfExtendedSupportDate)).toBe(Date.UTC(2026, 2, 23) / 1000);
  });

  test('aws ec2 describe-subnets and describe-security-groups for a cluster\'s VPC, and EC2\'s not-found errors', async () => {
    const subnets = await aws('ec2', 'describe-subnets', '--subnet-ids', 'subnet-0small', 'subnet-0big');
    expect(subnets.Subnets.map((s: any) => [s.SubnetId, s.AvailableIpAddressCount, s.VpcId])).toEqual([['subnet-0small', 3, 'vpc-0abc'], ['subnet-0big', 250, 'vpc-0abc']]);
    const groups = await aws('ec2', 'describe-security-groups', '--group-ids', 'sg-0extra');
    expect(groups.SecurityGroups.map((g: any) => [g.GroupId, g.VpcId])).toEqual([['sg-0extra', 'vpc-0abc']]);
    await expect(aws('ec2', 'describe-subnets', '--subnet-ids', 'subnet-0gone')).rejects.toThrow(/InvalidSubnetID\.NotFound[\s\S]*subnet-0gone/);
    await expect(aws('ec2', 'describe-security-groups', '--group-ids', 'sg-0gone')).rejects.toThrow(/InvalidGroup\.NotFound[\s\S]*sg-0gone/);
  });
});
