import { catalogEntry } from './addon-catalog';
import { podIdentityAssociationArn, stableUuid } from './identifiers';
import type { KubernetesEndpoint } from './operation-context';
import type { UpdateSeed } from './seed';
import type { AddonState, ClusterState, InsightState, NodegroupState, SimState } from './state';
import { reportedStatus } from './world';

/**
 * State → the JSON shapes of the EKS API reference (and the SDK's deserializers): timestamps as epoch
 * seconds, absent optional members omitted. Fields the simulator does not model get stable, plausible values.
 */
export const epochSeconds = (isoTime: string) => Date.parse(isoTime) / 1000;

export function wireUpdate(u: UpdateSeed): Record<string, unknown> {
  return {
    id: u.id,
    status: u.status,
    type: u.type,
    params: u.params,
    createdAt: epochSeconds(u.createdAt),
    errors: u.errors ?? [],
    ...(u.cancellation ? { cancellation: u.cancellation } : {}),
  };
}

function hexId(...parts: string[]): string {
  return stableUuid(...parts).replace(/-/g, '').toUpperCase();
}

export function wireCluster(state: SimState, c: ClusterState, now: number, kubernetes?: KubernetesEndpoint): Record<string, unknown> {
  const hex = hexId(state.accountId, c.name);
  const short = hex.slice(0, 17).toLowerCase();
  return {
    name: c.name,
    arn: c.arn,
    createdAt: epochSeconds(c.createdAt),
    version: c.version,
    // Served: the cluster's own Kubernetes API (kubernetes/kube-router.ts); in process, a placeholder shaped like EKS's.
    endpoint: kubernetes ? `${kubernetes.baseUrl}/k8s/${encodeURIComponent(c.name)}` : `https://${hex}.gr7.${state.region}.eks.amazonaws.com`,
    roleArn: `arn:aws:iam::${state.accountId}:role/${c.name}-cluster-role`,
    resourcesVpcConfig: {
      subnetIds: [`subnet-${short}`, `subnet-${short.split('').reverse().join('')}`],
      securityGroupIds: [],
      clusterSecurityGroupId: `sg-${short}`,
      vpcId: `vpc-${short}`,
      endpointPublicAccess: true,
      endpointPrivateAccess: true,
      publicAccessCidrs: ['0.0.0.0/0'],
    },
    kubernetesNetworkConfig: { serviceIpv4Cidr: '172.20.0.0/16', ipFamily: 'ipv4', elasticLoadBalancing: { enabled: c.autoMode } },
    logging: { clusterLogging: [{ types: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'], enabled: false }] },
    identity: { oidc: { issuer: `https://oidc.eks.${state.region}.amazonaws.com/id/${hex}` } },
    status: reportedStatus(state, c.name, {}, c.status, now),
    certificateAuthority: { data: Buffer.from(kubernetes?.caPem ?? `-----BEGIN CERTIFICATE-----\n${hex}\n-----END CERTIFICATE-----\n`).toString('base64') },
    platformVersion: c.platformVersion,
    tags: c.tags,
    health: { issues: [] },
    accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' },
    upgradePolicy: { supportType: 'STANDARD' },
    computeConfig: c.autoMode
      ? { enabled: true, nodePools: ['general-purpose', 'system'], nodeRoleArn: `arn:aws:iam::${state.accountId}:role/${c.name}-auto-node-role` }
      : { enabled: false },
    storageConfig: { blockStorage: { enabled: c.autoMode } },
  };
}

export function wireNodegroup(state: SimState, c: ClusterState, n: NodegroupState, now: number): Record<string, unknown> {
  const short = hexId(state.accountId, c.name).slice(0, 17).toLowerCase();
  return {
    nodegroupName: n.name,
    nodegroupArn: n.arn,
    clusterName: c.name,
    version: n.version,
    ...(n.releaseVersion ? { releaseVersion: n.releaseVersion } : {}),
    createdAt: epochSeconds(n.createdAt),
    modifiedAt: epochSeconds(n.modifiedAt),
    status: reportedStatus(state, c.name, { nodegroup: n.name }, n.status, now),
    capacityType: n.capacityType,
    scalingConfig: n.scalingConfig,
    // With a launch template, instance types and disk size live in the template.
    ...(n.launchTemplate ? {} : { instanceTypes: n.instanceTypes ?? ['m6i.large'], diskSize: 20 }),
    subnets: [`subnet-${short}`, `subnet-${short.split('').reverse().join('')}`],
    amiType: n.amiType,
    nodeRole: `arn:aws:iam::${state.accountId}:role/${c.name}-node-role`,
    labels: n.labels,
    resources: { autoScalingGroups: [{ name: `eks-${n.name}-${n.arn.split('/').pop()}` }] },
    health: { issues: n.healthIssues },
    updateConfig: n.updateConfig,
    ...(n.launchTemplate ? { launchTemplate: n.launchTemplate } : {}),
    tags: {},
  };
}

export function wireAddon(state: SimState, c: ClusterState, a: AddonState, now: number): Record<string, unknown> {
  const entry = catalogEntry(state.addonCatalog, a.name);
  return {
    addonName: a.name,
    clusterName: c.name,
    status: reportedStatus(state, c.name, { addon: a.name }, a.status, now),
    addonVersion: a.version,
    health: { issues: a.healthIssues },
    addonArn: a.arn,
    createdAt: epochSeconds(a.createdAt),
    modifiedAt: epochSeconds(a.modifiedAt),
    ...(a.serviceAccountRoleArn ? { serviceAccountRoleArn: a.serviceAccountRoleArn } : {}),
    tags: {},
    publisher: entry?.publisher ?? 'eks',
    owner: entry?.owner ?? 'aws',
    ...(a.configurationValues !== undefined ? { configurationValues: a.configurationValues } : {}),
    podIdentityAssociations: a.podIdentityAssociations.map((p) => podIdentityAssociationArn(state, c.name, p.serviceAccount)),
  };
}

export function wireInsightSummary(i: InsightState, refreshedAt: number): Record<string, unknown> {
  return {
    id: i.id,
    name: i.name,
    category: i.category,
    kubernetesVersion: i.kubernetesVersion,
    lastRefreshTime: refreshedAt / 1000,
    lastTransitionTime: refreshedAt / 1000,
    description: i.description ?? i.name,
    insightStatus: { status: i.status, reason: i.reason ?? defaultReason(i.status) },
  };
}

function defaultReason(status: string): string {
  return status === 'PASSING' ? 'No issues detected.' : 'Issues detected; see the recommendation.';
}
