import { InvalidParameterException, UpdateClusterVersionCommand } from '@aws-sdk/client-eks';
import { expectServiceError, readySeed, startFixture, type Fixture } from '../sim-fixture';

let f: Fixture;
afterEach(() => f.close());

/** FARGATE-MATCH-CP: a Fargate pod on an older kubelet holds the next control-plane step until it is recreated. */
describe('FARGATE-MATCH-CP', () => {
  test('a Fargate pod one minor behind refuses UpdateClusterVersion with EKS\'s message', async () => {
    f = await startFixture({ seed: readySeed((s) => { s.clusters[0].dataPlane!.fargatePods = [{ name: 'job', kubeletVersion: '1.28' }]; }) });
    const e = await expectServiceError(f.eks.send(new UpdateClusterVersionCommand({ name: 'demo', version: '1.30' })), InvalidParameterException,
      'Kubelet version of Fargate pods must be updated to match cluster version 1.29 before updating cluster version; Please recycle all offending pod replicas.', 400);
    expect(e.clusterName).toBe('demo');
  });

  test('Fargate pods on the control plane\'s minor let it move, and then hold the step after', async () => {
    f = await startFixture({
      seed: readySeed((s) => {
        s.clusters[0].dataPlane!.fargatePods = [{ name: 'job' }];
        s.clusters[0].nodegroups = []; // so that only the Fargate pod can hold the second step
      }),
    });
    await f.eks.send(new UpdateClusterVersionCommand({ name: 'demo', version: '1.30' }));
    f.advance(3600);
    await expectServiceError(f.eks.send(new UpdateClusterVersionCommand({ name: 'demo', version: '1.31' })), InvalidParameterException,
      /^Kubelet version of Fargate pods must be updated to match cluster version 1\.30/, 400);
  });
});
