import {
  DescribeAddonCommand, DescribePodIdentityAssociationCommand, ListPodIdentityAssociationsCommand, ResourceNotFoundException, UpdateAddonCommand,
} from '@aws-sdk/client-eks';
import { expectServiceError, startFixture, type Fixture } from '../sim-fixture';

let f: Fixture;
beforeEach(async () => { f = await startFixture(); });
afterEach(() => f.close());

const describeAddon = async (addonName: string) => (await f.eks.send(new DescribeAddonCommand({ clusterName: 'demo', addonName }))).addon!;

/**
 * ADDON-SETTINGS-CONTENT: DescribeAddon lists pod identity associations as ARNs; ListPodIdentityAssociations
 * and DescribePodIdentityAssociation give their service account and role ARN; configurationValues come back
 * exactly as given, JSON or YAML.
 */
describe('ADDON-SETTINGS-CONTENT', () => {
  test('an add-on\'s association ARNs resolve to their service account and role', async () => {
    const [arn] = (await describeAddon('vpc-cni')).podIdentityAssociations!;
    const { associations } = await f.eks.send(new ListPodIdentityAssociationsCommand({ clusterName: 'demo' }));
    expect(associations).toHaveLength(1);
    expect(associations![0]).toMatchObject({ clusterName: 'demo', namespace: 'kube-system', serviceAccount: 'aws-node', associationArn: arn });
    expect(associations![0].ownerArn).toBe((await describeAddon('vpc-cni')).addonArn);
    const { association } = await f.eks.send(new DescribePodIdentityAssociationCommand({ clusterName: 'demo', associationId: associations![0].associationId }));
    expect(association).toMatchObject({ associationArn: arn, serviceAccount: 'aws-node', roleArn: 'arn:aws:iam::111122223333:role/demo-vpc-cni' });
    expect(association!.createdAt).toBeInstanceOf(Date);
  });

  test.each([
    [{ serviceAccount: 'aws-node' }, 1],
    [{ serviceAccount: 'coredns' }, 0],
    [{ namespace: 'kube-system' }, 1],
    [{ namespace: 'default' }, 0],
  ])('ListPodIdentityAssociations filters by %j', async (filter, count) => {
    expect((await f.eks.send(new ListPodIdentityAssociationsCommand({ clusterName: 'demo', ...filter }))).associations).toHaveLength(count);
  });

  test('an association an add-on update replaced is readable by its new content', async () => {
    const roleArn = 'arn:aws:iam::111122223333:role/coredns';
    await f.eks.send(new UpdateAddonCommand({ clusterName: 'demo', addonName: 'coredns', podIdentityAssociations: [{ serviceAccount: 'coredns', roleArn }] }));
    f.advance(120);
    const { associations } = await f.eks.send(new ListPodIdentityAssociationsCommand({ clusterName: 'demo', serviceAccount: 'coredns' }));
    const { association } = await f.eks.send(new DescribePodIdentityAssociationCommand({ clusterName: 'demo', associationId: associations![0].associationId }));
    expect(association).toMatchObject({ serviceAccount: 'coredns', roleArn, ownerArn: (await describeAddon('coredns')).addonArn });
    await expectServiceError(f.eks.send(new DescribePodIdentityAssociationCommand({ clusterName: 'demo', associationId: 'a-0000000000000000' })),
      ResourceNotFoundException, 'No Pod Identity Association found for ID: a-0000000000000000', 404);
  });

  test.each([
    ['JSON', '{"env":{"ENABLE_PREFIX_DELEGATION":"true"}}'],
    ['YAML', 'env:\n  ENABLE_PREFIX_DELEGATION: "true"\n'],
  ])('configurationValues as %s are stored as given', async (_format, configurationValues) => {
    await f.eks.send(new UpdateAddonCommand({ clusterName: 'demo', addonName: 'vpc-cni', configurationValues }));
    f.advance(120);
    expect((await describeAddon('vpc-cni')).configurationValues).toBe(configurationValues);
  });
});
