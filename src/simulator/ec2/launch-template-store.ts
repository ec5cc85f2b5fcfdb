/**
 * EC2 launch templates as the simulator keeps them: numbered versions of launch template data, one of them the
 * default (EC2-LT-VERSIONS). The data is kept as the request gave it (the query protocol's member names) and answered in
 * the response's names, so whatever a client writes it reads back.
 */
import { createHash } from 'node:crypto';
import type { SimSeed } from '../seed';
import { Ec2Error } from './ec2-query';

export interface LaunchTemplateVersion {
  versionNumber: number;
  description?: string;
  createTime: string;
  /** RequestLaunchTemplateData as the request's form gave it, e.g. `{ ImageId, UserData, BlockDeviceMapping: [...] }`. */
  data: Record<string, any>;
}

export interface LaunchTemplate {
  id: string;
  name: string;
  createTime: string;
  createdBy: string;
  defaultVersion: number;
  versions: LaunchTemplateVersion[];
  tags: Array<{ Key: string; Value: string }>;
}

/** EC2's rule for launch template names: 3–128 of letters, digits and `().-/_` (CreateLaunchTemplate reference). */
const NAME = /^[a-zA-Z0-9().\-/_]{3,128}$/;

export class LaunchTemplateStore {
  /**
   * The launch templates the seed's node groups use, each with versions 1 to the version its node group runs, so that
   * a client reading EC2 finds what EKS names. Their data is empty: the seed records no more than the template's
   * identity.
   */
  static fromSeed(seed: SimSeed): LaunchTemplateStore {
    const store = new LaunchTemplateStore(seed.accountId ?? '111122223333');
    for (const cluster of seed.clusters) {
      for (const ng of cluster.nodegroups ?? []) {
        const lt = ng.launchTemplate;
        if (lt === undefined || (lt.id === undefined && lt.name === undefined)) continue;
        const id = lt.id ?? store.newId(lt.name!);
        if (store.byId.has(id)) continue;
        const createTime = ng.createdAt ?? cluster.createdAt ?? new Date(0).toISOString();
        const count = Math.max(1, Number.parseInt(lt.version ?? '1', 10) || 1);
        store.byId.set(id, {
          id,
          name: lt.name ?? id,
          createTime,
          createdBy: store.creator(),
          defaultVersion: count,
          versions: Array.from({ length: count }, (_, i) => ({ versionNumber: i + 1, createTime, data: {} })),
          tags: [],
        });
      }
    }
    return store;
  }

  private readonly byId = new Map<string, LaunchTemplate>();
  private created = 0;

  constructor(private readonly accountId: string) {}

  all(): LaunchTemplate[] {
    return [...this.byId.values()];
  }

  create(name: string, data: Record<string, any>, description: string | undefined, tags: LaunchTemplate['tags'], now: number): LaunchTemplate {
    if (!NAME.test(name)) {
      throw new Ec2Error('InvalidLaunchTemplateName.MalformedException', 'A launch template name must be between 3 and 128 characters, and may contain letters, numbers, and the following characters: - ( ) . / _.');
    }
    if (this.all().some((t) => t.name === name)) throw new Ec2Error('InvalidLaunchTemplateName.AlreadyExistsException', 'Launch template name already in use.');
    const createTime = new Date(now).toISOString();
    const template: LaunchTemplate = {
      id: this.newId(name),
      name,
      createTime,
      createdBy: this.creator(),
      defaultVersion: 1,
      tags,
      versions: [{ versionNumber: 1, description, createTime, data }],
    };
    this.byId.set(template.id, template);
    return template;
  }

  /** The template an operation names by `LaunchTemplateId` or `LaunchTemplateName` (exactly one). */
  find(id: string | undefined, name: string | undefined): LaunchTemplate {
    if ((id === undefined) === (name === undefined)) {
      throw new Ec2Error('MissingParameter', 'The request must contain exactly one of the parameters LaunchTemplateId or LaunchTemplateName.');
    }
    if (id !== undefined) {
      if (!/^lt-[0-9a-f]{17}$/.test(id)) throw new Ec2Error('InvalidLaunchTemplateId.Malformed', `The launch template ID '${id}' is malformed.`);
      const template = this.byId.get(id);
      // The message EC2 sends (quoted in aws/karpenter-provider-aws#5665).
      if (!template) throw new Ec2Error('InvalidLaunchTemplateId.NotFound', `The specified launch template, with template ID ${id}, does not exist.`);
      return template;
    }
    const template = this.all().find((t) => t.name === name);
    // The message EC2 sends (quoted in getmoto/moto#5477).
    if (!template) throw new Ec2Error('InvalidLaunchTemplateName.NotFoundException', `The specified launch template, with template name ${name}, does not exist.`);
    return template;
  }

  /** A version named by number, `$Latest` or `$Default`. */
  version(template: LaunchTemplate, spec: string): LaunchTemplateVersion {
    const number = spec === '$Latest' ? template.versions.length : spec === '$Default' ? template.defaultVersion : Number(spec);
    const found = Number.isInteger(number) ? template.versions.find((v) => v.versionNumber === number) : undefined;
    if (!found) throw new Ec2Error('InvalidLaunchTemplateId.VersionNotFound', `Could not find launch template version ${spec} for launch template ${template.id}.`);
    return found;
  }

  addVersion(template: LaunchTemplate, data: Record<string, any>, description: string | undefined, now: number): LaunchTemplateVersion {
    const version = { versionNumber: template.versions.length + 1, description, createTime: new Date(now).toISOString(), data };
    template.versions.push(version);
    return version;
  }

  delete(template: LaunchTemplate): void {
    this.byId.delete(template.id);
  }

  /** `lt-` and 17 hex digits, derived from a counter and the name so that runs are reproducible. */
  private newId(name: string): string {
    this.created += 1;
    return `lt-${createHash('sha256').update(`${this.created}:${name}`).digest('hex').slice(0, 17)}`;
  }

  private creator(): string {
    return `arn:aws:iam::${this.accountId}:root`;
  }
}
