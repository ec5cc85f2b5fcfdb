import { defaultSeed, type ClusterSeed, type SimSeed } from '../../../src/simulator';

/**
 * A third cluster beside the default seed's `demo` and `legacy`, so the wire is checked over what they never show:
 * no Auto Mode, SPOT capacity, Bottlerocket and Windows AMIs with their release formats (RELEASE-FORMAT),
 * a launch template named by id only, seeded health issues on a DEGRADED node group and add-on, an add-on
 * with configurationValues and a service account role, and a MISCONFIGURATION insight whose status is UNKNOWN.
 * Every value is one the model's enums allow.
 */
export const PLAIN_CLUSTER: ClusterSeed = {
  name: 'plain',
  version: '1.31',
  autoMode: false,
  nodegroups: [
    {
      name: 'spot-bottlerocket',
      version: '1.31',
      releaseVersion: '1.43.0-5a2b9c1d',
      amiType: 'BOTTLEROCKET_x86_64',
      capacityType: 'SPOT',
      status: 'DEGRADED',
      healthIssues: [{ code: 'AsgInstanceLaunchFailures', message: 'Could not launch Spot Instances.', resourceIds: ['eks-spot-bottlerocket'] }],
    },
    { name: 'windows', version: '1.30', releaseVersion: '1.30-2024.11.12', amiType: 'WINDOWS_CORE_2022_x86_64' },
    { name: 'template-by-id', version: '1.31', amiType: 'CUSTOM', launchTemplate: { id: 'lt-0fedcba9876543210', version: '3' } },
  ],
  addons: [
    {
      name: 'aws-ebs-csi-driver',
      version: 'v1.38.1-eksbuild.2',
      status: 'DEGRADED',
      configurationValues: '{"controller":{"replicaCount":1}}',
      serviceAccountRoleArn: 'arn:aws:iam::111122223333:role/plain-ebs-csi',
      healthIssues: [{ code: 'InsufficientNumberOfReplicas', message: 'The add-on is unhealthy because it doesn\'t have the desired number of replicas.', resourceIds: ['kube-system/ebs-csi-controller'] }],
    },
  ],
  insights: [{ name: 'Cluster misconfiguration', category: 'MISCONFIGURATION', kubernetesVersion: '1.31', status: 'UNKNOWN' }],
};

export function conformanceSeed(): SimSeed {
  const seed = defaultSeed();
  return { ...seed, clusters: [...seed.clusters, PLAIN_CLUSTER] };
}
