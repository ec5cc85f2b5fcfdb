import { DEFAULT_ADDON_CATALOG } from './addon-catalog';
import { clone } from './json';
import { defaultSsmParameters } from './release-versions';
import type { SimSeed } from './seed';
import { DEFAULT_KUBERNETES_VERSIONS, DEFAULT_PLATFORM_VERSIONS } from './state';

/**
 * The built-in world: cluster `demo` on 1.29 with a managed node group on an EKS-optimized AMI, one on a
 * custom AMI through a launch template, and three add-ons of which vpc-cni must move before 1.29 → 1.30
 * (see addon-catalog.ts for the other steps). `general`'s AMI is older than the recommended 1.29 release.
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
          name: 'custom',
          version: '1.29',
          amiType: 'CUSTOM',
          capacityType: 'ON_DEMAND',
          scalingConfig: { minSize: 2, maxSize: 4, desiredSize: 2 },
          launchTemplate: { name: 'demo-custom-lt', id: 'lt-0123456789abcdef0', version: '1' },
          updateConfig: { maxUnavailablePercentage: 50, updateStrategy: 'DEFAULT' },
          labels: { role: 'custom' },
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
    }],
    addonCatalog: clone(DEFAULT_ADDON_CATALOG),
    ssmParameters: defaultSsmParameters(),
  };
}
