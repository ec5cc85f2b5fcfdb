/** When a runner runs the upgrade handler. */
export enum Reconcile {
  /**
   * When the spec first appears and whenever it changes (a new target, a new launch template version). Changes made
   * to the cluster outside Terraform are corrected at the next spec change only. Plans stay quiet while nothing changes.
   */
  ON_CHANGE = 'ON_CHANGE',

  /**
   * At every `terraform apply`: the handler reads the cluster and converges anything that drifted from the spec,
   * making no EKS change when nothing did. The runner's resource is replaced on every apply, so every plan shows it.
   * Use `eks-upgrade plan --detailed-exitcode` to detect drift without applying.
   */
  EVERY_APPLY = 'EVERY_APPLY',
}
