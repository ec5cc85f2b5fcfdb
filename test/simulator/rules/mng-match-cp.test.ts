import { InvalidParameterException, UpdateClusterVersionCommand } from '@aws-sdk/client-eks';
import { expectServiceError, readySeed, startFixture, type Fixture } from '../sim-fixture';

let f: Fixture;
afterEach(() => f.close());

/**
 * MNG-MATCH-CP: every managed node group on the control plane's version before it moves, whether EKS picks its AMI
 * (`demo`: `general`, and `batch` through a launch template) or not; a custom AMI (`legacy`: `custom`, beside `al2`)
 * only within the kubelet skew (CUSTOM-AMI-SKEW). Versions are given in the seed's node group order.
 */
describe('MNG-MATCH-CP', () => {
  test.each([
    ['demo', 'both node groups on the control plane version', ['1.30', '1.30'], undefined],
    ['demo', 'the node group without a launch template one minor behind', ['1.29', '1.30'], 'general'],
    ['demo', 'the launch-template node group one minor behind', ['1.30', '1.29'], 'batch'],
    ['demo', 'both behind', ['1.29', '1.29'], 'general, batch'],
    ['demo', 'a node group above the control plane', ['1.31', '1.30'], 'general'],
    ['legacy', 'both node groups on the control plane version', ['1.30', '1.30'], undefined],
    // CUSTOM-AMI-SKEW: a custom AMI is bounded by the kubelet skew of the target (1.31), not by the match.
    ['legacy', 'the custom-AMI node group one minor behind', ['1.29', '1.30'], undefined],
    ['legacy', 'the custom-AMI node group three minors behind the target', ['1.28', '1.30'], undefined],
    ['legacy', 'the custom-AMI node group four minors behind the target', ['1.27', '1.30'], 'custom'],
    ['legacy', 'the Amazon Linux 2 node group one minor behind', ['1.30', '1.29'], 'al2'],
    ['legacy', 'both behind', ['1.29', '1.29'], 'al2'],
  ])('%s: %s', async (cluster, _case, versions, refused) => {
    f = await startFixture({
      seed: readySeed((s) => {
        const c = s.clusters.find((x) => x.name === cluster)!;
        c.version = '1.30';
        c.nodegroups!.forEach((n, i) => { n.version = versions[i]; });
      }),
    });
    const update = () => f.eks.send(new UpdateClusterVersionCommand({ name: cluster, version: '1.31', force: true }));
    if (refused === undefined) {
      expect((await update()).update!.type).toBe('VersionUpdate');
    } else {
      const e = await expectServiceError(update(), InvalidParameterException,
        `Nodegroups ${refused} must be updated to match cluster version 1.30 before updating cluster version`, 400);
      expect(e.clusterName).toBe(cluster);
    }
  });
});
