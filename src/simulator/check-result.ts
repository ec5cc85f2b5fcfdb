import type { InsightSeed } from './seed';

/** One upgrade-readiness check evaluated for one Kubernetes version. */
export interface CheckResult {
  name: string;
  description: string;
  failing: boolean;
  reason: string;
  recommendation: string;
  addonCompatibilityDetails?: { name: string; compatibleVersions: string[] }[];
  deprecationDetails?: InsightSeed['deprecationDetails'];
}
