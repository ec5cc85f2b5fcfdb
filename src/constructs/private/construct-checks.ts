import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { compareMinor, isMinorVersion } from '../../upgrade-spec/kubernetes-minor';
import { SpecProblem } from '../../upgrade-spec/parse-spec';
import { AddonTarget } from '../addon-target';
import { NodeLaunchTemplate } from '../node-launch-template';
import { NodegroupLaunchTemplateTarget, NodegroupTarget } from '../nodegroup-target';
import { ControlPlaneTargets } from './render-spec';

/** The `NodeLaunchTemplate` (anywhere in the app) a launch template target points at, if any. */
export function findNodeLaunchTemplate(scope: IConstruct, target: NodegroupLaunchTemplateTarget): NodeLaunchTemplate | undefined {
  if (target.id === undefined) return undefined;
  return scope.node.root.node.findAll()
    .find((c): c is NodeLaunchTemplate => c instanceof NodeLaunchTemplate && c.launchTemplateId === target.id);
}

/** Checks only the construct layer can make: what the spec alone does not show. */
export function checkTargets(
  cp: ControlPlaneTargets,
  addons: AddonTarget[],
  nodegroups: NodegroupTarget[],
  findTemplate: (t: NodegroupLaunchTemplateTarget) => NodeLaunchTemplate | undefined,
): SpecProblem[] {
  const problems: SpecProblem[] = [];
  nodegroups.forEach((n, i) => {
    const field = `nodegroups[${i}]`;
    const template = n.launchTemplate ? findTemplate(n.launchTemplate) : undefined;
    if (template === undefined) return;
    const why = `its launch template comes from NodeLaunchTemplate ${template.node.path}, which pins an image id, so EKS treats the node group as a custom-AMI node group (amiType CUSTOM) and rejects`;
    if (n.version !== undefined) {
      problems.push({
        field: `${field}.version`,
        message: `cannot be set: ${why} a Kubernetes version ("You cannot specify the field kubernetesVersion when using custom AMIs."); remove it and move the nodes by pointing the template's AMI at the new version (NodeAmi.eksOptimized({ kubernetesVersion }))`,
      });
    }
    if (n.releaseVersion !== undefined) {
      problems.push({
        field: `${field}.releaseVersion`,
        message: `cannot be set: ${why} an AMI release version; remove it: the AMI comes from the template (NodeAmi.eksOptimized follows the recommended AMI, NodeAmi.fromImageId pins one)`,
      });
    }
    const amiVersion = template.ami.kubernetesVersion;
    if (amiVersion !== undefined && known(amiVersion) && known(cp.version) && isMinorVersion(amiVersion) && isMinorVersion(cp.version)
      && compareMinor(amiVersion, cp.version) > 0) {
      problems.push({
        field: `${field}.launchTemplate`,
        message: `the AMI of ${template.node.path} is for Kubernetes ${amiVersion}, above the control-plane target ${cp.version}: EKS never runs nodes ahead of the control plane; use an AMI for ${cp.version} or earlier, or raise version`,
      });
    }
  });
  addons.forEach((a, i) => {
    if (a.configuration !== undefined && a.configurationValues !== undefined) {
      problems.push({
        field: `addons[${i}].configuration`,
        message: 'is set together with configurationValues: give the configuration once, as an object (configuration) or as JSON or YAML text (configurationValues)',
      });
    }
  });
  return problems;
}

function known(v: string): boolean {
  return !Token.isUnresolved(v);
}
