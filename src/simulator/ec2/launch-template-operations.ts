/**
 * The EC2 launch template operations the hashicorp/aws provider calls for `aws_launch_template` (captured with
 * TF_LOG=debug: create, read, update with a new default version, import, delete), answered as EC2 answers them
 * (EC2-LT-VERSIONS).
 */
import type { Ec2Operation, Ec2OperationContext, Ec2OperationResult } from './ec2-operation';
import { Ec2Error, listParam, toXml } from './ec2-query';
import type { LaunchTemplate, LaunchTemplateVersion } from './launch-template-store';

export const LAUNCH_TEMPLATE_OPERATIONS: Record<string, Ec2Operation> = {
  CreateLaunchTemplate: { mutating: true, run: createLaunchTemplate },
  CreateLaunchTemplateVersion: { mutating: true, run: createLaunchTemplateVersion },
  DescribeLaunchTemplates: { mutating: false, run: describeLaunchTemplates },
  DescribeLaunchTemplateVersions: { mutating: false, run: describeLaunchTemplateVersions },
  ModifyLaunchTemplate: { mutating: true, run: modifyLaunchTemplate },
  DeleteLaunchTemplate: { mutating: true, run: deleteLaunchTemplate },
};

function createLaunchTemplate({ store, query, now }: Ec2OperationContext): Ec2OperationResult {
  const name = query.LaunchTemplateName;
  if (typeof name !== 'string') throw new Ec2Error('MissingParameter', 'The request must contain the parameter LaunchTemplateName.');
  const data = requiredData(query);
  const tags = (query.TagSpecification ?? [])
    .filter((s: any) => s?.ResourceType === 'launch-template')
    .flatMap((s: any) => (s.Tag ?? []).filter(Boolean).map((t: any) => ({ Key: String(t.Key), Value: String(t.Value ?? '') })));
  const template = store.create(name, data, query.VersionDescription, tags, now);
  return { xml: toXml({ LaunchTemplate: summary(template) }), resource: template.id };
}

function createLaunchTemplateVersion({ store, query, now }: Ec2OperationContext): Ec2OperationResult {
  const template = store.find(query.LaunchTemplateId, query.LaunchTemplateName);
  const given = requiredData(query);
  // With SourceVersion the new version starts from that version's data, and the request's members replace its own.
  const base = query.SourceVersion === undefined ? {} : store.version(template, String(query.SourceVersion)).data;
  const version = store.addVersion(template, { ...base, ...given }, query.VersionDescription, now);
  return { xml: toXml({ LaunchTemplateVersion: versionXml(template, version) }), resource: template.id };
}

function describeLaunchTemplates({ store, query }: Ec2OperationContext): Ec2OperationResult {
  const ids = listParam(query, 'LaunchTemplateId');
  const names = listParam(query, 'LaunchTemplateName');
  // A template asked for by id or name must exist; filters narrow what is listed and never fail.
  let templates = ids.length + names.length > 0
    ? [...ids.map((id) => store.find(id, undefined)), ...names.map((name) => store.find(undefined, name))]
    : store.all();
  for (const filter of (query.Filter ?? []).filter(Boolean)) {
    const values = listParam(filter, 'Value');
    templates = templates.filter((t) => matchesFilter(t, String(filter.Name), values));
  }
  return { xml: toXml({ LaunchTemplates: templates.map(summary) }), resource: ids[0] ?? names[0] };
}

function describeLaunchTemplateVersions({ store, query }: Ec2OperationContext): Ec2OperationResult {
  const template = store.find(query.LaunchTemplateId, query.LaunchTemplateName);
  const asked = listParam(query, 'LaunchTemplateVersion');
  let versions = asked.length > 0 ? asked.map((v) => store.version(template, v)) : template.versions;
  if (query.MinVersion !== undefined) versions = versions.filter((v) => v.versionNumber >= Number(query.MinVersion));
  if (query.MaxVersion !== undefined) versions = versions.filter((v) => v.versionNumber <= Number(query.MaxVersion));
  return { xml: toXml({ LaunchTemplateVersion: versions.map((v) => versionXml(template, v)) }), resource: template.id };
}

function modifyLaunchTemplate({ store, query }: Ec2OperationContext): Ec2OperationResult {
  const template = store.find(query.LaunchTemplateId, query.LaunchTemplateName);
  // The member is DefaultVersion; on the wire the query protocol names it SetDefaultVersion.
  const wanted = query.SetDefaultVersion ?? query.DefaultVersion;
  if (wanted !== undefined) template.defaultVersion = store.version(template, String(wanted)).versionNumber;
  return { xml: toXml({ LaunchTemplate: summary(template) }), resource: template.id };
}

function deleteLaunchTemplate({ store, query }: Ec2OperationContext): Ec2OperationResult {
  const template = store.find(query.LaunchTemplateId, query.LaunchTemplateName);
  store.delete(template);
  return { xml: toXml({ LaunchTemplate: summary(template) }), resource: template.id };
}

function requiredData(query: Record<string, any>): Record<string, any> {
  const data = query.LaunchTemplateData;
  if (typeof data !== 'object' || data === null) {
    throw new Ec2Error('MissingParameter', 'The request must contain the parameter LaunchTemplateData.');
  }
  return data;
}

function matchesFilter(t: LaunchTemplate, name: string, values: string[]): boolean {
  if (name === 'launch-template-name') return values.includes(t.name);
  if (name === 'tag-key') return t.tags.some((tag) => values.includes(tag.Key));
  if (name.startsWith('tag:')) return t.tags.some((tag) => tag.Key === name.slice(4) && values.includes(tag.Value));
  if (name === 'create-time') return values.includes(t.createTime);
  throw new Ec2Error('InvalidParameterValue', `The filter '${name}' is invalid`);
}

/** A LaunchTemplate in the response's member names. */
function summary(t: LaunchTemplate): Record<string, any> {
  return {
    LaunchTemplateId: t.id,
    LaunchTemplateName: t.name,
    CreateTime: t.createTime,
    CreatedBy: t.createdBy,
    DefaultVersionNumber: t.defaultVersion,
    LatestVersionNumber: t.versions.length,
    Tag: t.tags,
  };
}

function versionXml(t: LaunchTemplate, v: LaunchTemplateVersion): Record<string, any> {
  return {
    LaunchTemplateId: t.id,
    LaunchTemplateName: t.name,
    VersionNumber: v.versionNumber,
    VersionDescription: v.description,
    CreateTime: v.createTime,
    CreatedBy: t.createdBy,
    DefaultVersion: v.versionNumber === t.defaultVersion,
    LaunchTemplateData: v.data,
  };
}
