import type { SimState } from '../state';
import type { LaunchTemplateStore } from './launch-template-store';

/** What an EC2 operation runs on: the launch template operations use the store, the network ones the state's VPCs. */
export interface Ec2OperationContext {
  readonly store: LaunchTemplateStore;
  readonly state: SimState;
  readonly query: Record<string, any>;
  readonly now: number;
}

export interface Ec2OperationResult {
  /** The result members, as XML. */
  readonly xml: string;
  /** The launch template, subnet or security group the call concerned, for the call log. */
  readonly resource?: string;
}

/** One EC2 action the simulator serves. */
export interface Ec2Operation {
  readonly mutating: boolean;
  run(ctx: Ec2OperationContext): Ec2OperationResult;
}
