import { DEFAULT_ADDON_CATALOG } from './addon-catalog';
import { clone } from './json';
import { demoDataPlane, karpenterCluster, pdbBlockedCluster } from './kubernetes/default-data-plane';
import { defaultSsmParameters } from './release-versions';
import type { SimSeed } from './seed';
import { DEFAULT_KUBERNETES_VERSIONS, DEFAULT_PLATFORM_VERSIONS } from './state';

/**
 * The built-in world.
 * - `demo` (1.29, Auto Mode): `general` on the EKS-optimized AL2023 AMI (its AMI older than the recommended 1.29
 *   release), `batch` on AL2023 arm64 through a launch template that names no image (a managed AMI, so it follows the
 *   control plane like any managed node group), and three add-ons that need moving on the way to 1.33 (see
 *   addon-catalog.ts for the order). It can go 1.29 → 1.33 in one apply.
 * - `legacy` (1.29, no Auto Mode): `custom`, a custom AMI through a launch template, which moves only with a new
 *   template version and so holds the control plane to one minor per apply (MNG-MATCH-CP), and `al2` on Amazon
 *   Linux 2, which cannot go past 1.32 (AL2-ENDS-1-32).
 * - `karpenter` and `pdb-blocked`, and every cluster's nodes and workloads: kubernetes/default-data-plane.ts.
 */
export function defaultSeed(): SimSeed {
  return {
    region: 'us-east-1',
    accountId: '111122223333',
    kubernetesVersions: [...DEFAULT_KUBERNETES_VERSIONS],
    platformVersions: { ...DEFAULT_PLATFORM_VERSIONS },
    clusters: [{
      name: 'demo',
      version: '1.29',
      platformVersion: 'eks.38',
      status: 'ACTIVE',
      arn: 'arn:aws:eks:us-east-1:111122223333:cluster/demo',
      createdAt: '2025-01-20T09:30:00.000Z',
      autoMode: true,
      tags: { env: 'demo' },
      nodegroups: [
        {
          name: 'general',
          version: '1.29',
          releaseVersion: '1.29.10-20241213',
          amiType: 'AL2023_x86_64_STANDARD',
          capacityType: 'ON_DEMAND',
          instanceTypes: ['m6i.large'],
          scalingConfig: { minSize: 3, maxSize: 6, desiredSize: 3 },
          updateConfig: { maxUnavailable: 1, updateStrategy: 'DEFAULT' },
          labels: { role: 'general' },
          createdAt: '2025-01-20T09:50:00.000Z',
        },
        {
          name: 'batch',
          version: '1.29',
          releaseVersion: '1.29.10-20241213',
          amiType: 'AL2023_ARM_64_STANDARD',
          capacityType: 'ON_DEMAND',
          scalingConfig: { minSize: 2, maxSize: 4, desiredSize: 2 },
          launchTemplate: { name: 'demo-batch-lt', id: 'lt-0a1b2c3d4e5f60718', version: '1' },
          updateConfig: { maxUnavailablePercentage: 50, updateStrategy: 'DEFAULT' },
          labels: { role: 'batch' },
          createdAt: '2025-01-20T09:55:00.000Z',
        },
      ],
      addons: [
        {
          name: 'vpc-cni',
          version: 'v1.16.0-eksbuild.1',
          podIdentityAssociations: [{ serviceAccount: 'aws-node', roleArn: 'arn:aws:iam::111122223333:role/demo-vpc-cni' }],
          createdAt: '2025-01-20T09:45:00.000Z',
        },
        { name: 'coredns', version: 'v1.11.1-eksbuild.4', createdAt: '2025-01-20T09:45:00.000Z' },
        { name: 'kube-proxy', version: 'v1.29.0-eksbuild.1', createdAt: '2025-01-20T09:45:00.000Z' },
      ],
      dataPlane: demoDataPlane(),
    }, {
      name: 'legacy',
      version: '1.29',
      platformVersion: 'eks.38',
      status: 'ACTIVE',
      arn: 'arn:aws:eks:us-east-1:111122223333:cluster/legacy',
      createdAt: '2024-06-03T08:00:00.000Z',
      tags: { env: 'legacy' },
      nodegroups: [
        {
          name: 'custom',
          version: '1.29',
          amiType: 'CUSTOM',
          capacityType: 'ON_DEMAND',
          scalingConfig: { minSize: 2, maxSize: 4, desiredSize: 2 },
          launchTemplate: { name: 'demo-custom-lt', id: 'lt-0123456789abcdef0', version: '1' },
          updateConfig: { maxUnavailablePercentage: 50, updateStrategy: 'DEFAULT' },
          labels: { role: 'custom' },
          createdAt: '2024-06-03T08:25:00.000Z',
        },
        {
          name: 'al2',
          version: '1.29',
          releaseVersion: '1.29.10-20241213',
          amiType: 'AL2_x86_64',
          capacityType: 'ON_DEMAND',
          instanceTypes: ['m5.large'],
          scalingConfig: { minSize: 1, maxSize: 3, desiredSize: 2 },
          updateConfig: { maxUnavailable: 1, updateStrategy: 'DEFAULT' },
          labels: { role: 'al2' },
          createdAt: '2024-06-03T08:20:00.000Z',
        },
      ],
      addons: [
        { name: 'vpc-cni', version: 'v1.17.1-eksbuild.1', createdAt: '2024-06-03T08:15:00.000Z' },
        { name: 'coredns', version: 'v1.11.1-eksbuild.4', createdAt: '2024-06-03T08:15:00.000Z' },
        { name: 'kube-proxy', version: 'v1.29.0-eksbuild.1', createdAt: '2024-06-03T08:15:00.000Z' },
      ],
    }, karpenterCluster(), pdbBlockedCluster()],
    addonCatalog: clone(DEFAULT_ADDON_CATALOG),
    ssmParameters: defaultSsmParameters(),
  };
}
