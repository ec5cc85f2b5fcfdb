/**
 * Where the walk over the control plane's minors has got to: versions so far and what has been configured. Immutable,
 * so the order of steps is the order the planner writes them, never a side effect of shared state.
 */
export class PlanCursor {
  static start(cp: string, nodegroups: Record<string, string>, addons: Record<string, string>): PlanCursor {
    return new PlanCursor(cp, new Map(Object.entries(nodegroups)), new Map(Object.entries(addons)), new Set(), new Set(), new Set());
  }

  private constructor(
    readonly cp: string,
    private readonly nodegroups: ReadonlyMap<string, string>,
    private readonly addons: ReadonlyMap<string, string>,
    private readonly configured: ReadonlySet<string>,
    private readonly nodegroupsDone: ReadonlySet<string>,
    private readonly addonsDone: ReadonlySet<string>,
  ) {}

  nodegroup(name: string): string {
    return this.nodegroups.get(name)!;
  }

  addon(name: string): string {
    return this.addons.get(name)!;
  }

  isConfigured(nodegroup: string): boolean {
    return this.configured.has(nodegroup);
  }

  /** Whether the node group's final step (extras included) is already planned. */
  isNodegroupDone(name: string): boolean {
    return this.nodegroupsDone.has(name);
  }

  isAddonDone(name: string): boolean {
    return this.addonsDone.has(name);
  }

  withControlPlane(version: string): PlanCursor {
    return new PlanCursor(version, this.nodegroups, this.addons, this.configured, this.nodegroupsDone, this.addonsDone);
  }

  withNodegroup(name: string, version: string, done = false): PlanCursor {
    return new PlanCursor(this.cp, new Map(this.nodegroups).set(name, version), this.addons, this.configured,
      done ? new Set(this.nodegroupsDone).add(name) : this.nodegroupsDone, this.addonsDone);
  }

  withAddon(name: string, version: string, done = false): PlanCursor {
    return new PlanCursor(this.cp, this.nodegroups, new Map(this.addons).set(name, version), this.configured,
      this.nodegroupsDone, done ? new Set(this.addonsDone).add(name) : this.addonsDone);
  }

  withConfigured(nodegroup: string): PlanCursor {
    return new PlanCursor(this.cp, this.nodegroups, this.addons, new Set(this.configured).add(nodegroup), this.nodegroupsDone, this.addonsDone);
  }
}
