export { countByOperation, countByResource, countCalls, type CallFilter, type CallRecord } from './call-log';
export { ScaledClock, VirtualClock, VIRTUAL_EPOCH, type SimClock } from './clock';
export type { CodeBuildProjectSeed } from './codebuild/codebuild-project';
export { defaultSeed } from './default-seed';
export { DEFAULT_DURATIONS, type UpdateDurations } from './durations';
export {
  FaultError, type ActiveFault, type AddonDegradedFault, type EventualConsistencyFault, type FaultScope, type InsightFault, type LatencyFault,
  type ServerErrorFault, type SimFault, type ThrottleFault, type UpdateFailureFault,
} from './faults';
export { inProcessHandler } from './in-process-handler';
export type * from './seed';
export type * from './kubernetes/data-plane-seed';
export { startSimulator, type RunningSimulator, type ServerOptions } from './server';
export type { SimRequest, SimResponse } from './sim-http';
export { Simulator, type SimulatorOptions } from './simulator';
export { SeedError } from './state';
