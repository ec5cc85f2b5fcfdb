import {
  DescribeClusterCommand, DescribeClusterVersionsCommand, InvalidParameterException, ListClustersCommand, paginateListClusters,
} from '@aws-sdk/client-eks';
import { expectServiceError, seedWith, startFixture, type Fixture } from './sim-fixture';

let f: Fixture;
afterEach(() => f.close());

describe('ListClusters (API Reference, ListClusters: maxResults 1–100, an opaque nextToken)', () => {
  test('lists every cluster, in pages', async () => {
    f = await startFixture({ seed: seedWith((s) => { s.clusters = [s.clusters[0], ...['a', 'b', 'c', 'd'].map((name) => ({ name, version: '1.30' }))]; }) });
    expect((await f.eks.send(new ListClustersCommand({}))).clusters).toEqual(['demo', 'a', 'b', 'c', 'd']);
    const pages: string[][] = [];
    for await (const page of paginateListClusters({ client: f.eks, pageSize: 2 }, {})) pages.push(page.clusters!);
    expect(pages).toEqual([['demo', 'a'], ['b', 'c'], ['d']]);
    await expectServiceError(f.eks.send(new ListClustersCommand({ maxResults: 101 })), InvalidParameterException, /maxResults must be between 1 and 100/, 400);
  });
});

describe('SUPPORT-STATUS: DescribeClusterVersions and upgradePolicy', () => {
  test('each version with its dates, and its status at the simulated time (the virtual epoch, 2025-06-02)', async () => {
    f = await startFixture();
    const versions = (await f.eks.send(new DescribeClusterVersionsCommand({}))).clusterVersions!;
    expect(versions.map((v) => [v.clusterVersion, v.versionStatus, v.defaultVersion])).toEqual([
      ['1.33', 'STANDARD_SUPPORT', true], ['1.32', 'STANDARD_SUPPORT', false], ['1.31', 'STANDARD_SUPPORT', false],
      ['1.30', 'STANDARD_SUPPORT', false], ['1.29', 'EXTENDED_SUPPORT', false],
    ]);
    const v129 = versions.find((v) => v.clusterVersion === '1.29')!;
    expect([v129.releaseDate, v129.endOfStandardSupportDate, v129.endOfExtendedSupportDate].map((d) => d!.toISOString().slice(0, 10)))
      .toEqual(['2024-01-23', '2025-03-23', '2026-03-23']);
    expect(v129.status).toBe('extended-support');
  });

  test('filters by version and status; a seed sets dates and the cluster\'s upgrade policy', async () => {
    f = await startFixture({
      seed: seedWith((s) => {
        s.clusters[0].upgradePolicy = { supportType: 'STANDARD' };
        s.clusterVersions = [{ clusterVersion: '1.30', releaseDate: '2024-05-23T00:00:00.000Z', endOfStandardSupportDate: '2025-06-01T00:00:00.000Z', endOfExtendedSupportDate: '2026-07-23T00:00:00.000Z' }];
      }),
    });
    const only = (await f.eks.send(new DescribeClusterVersionsCommand({ clusterVersions: ['1.30', '1.31'], versionStatus: 'EXTENDED_SUPPORT' }))).clusterVersions!;
    expect(only.map((v) => v.clusterVersion)).toEqual(['1.30']);
    expect((await f.eks.send(new DescribeClusterCommand({ name: 'demo' }))).cluster!.upgradePolicy).toEqual({ supportType: 'STANDARD' });
    expect((await f.eks.send(new DescribeClusterCommand({ name: 'legacy' }))).cluster!.upgradePolicy).toEqual({ supportType: 'EXTENDED' });
  });
});
