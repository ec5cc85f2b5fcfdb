import { InputError } from '../errors/run-errors';
import { TIME_SCALE_ENV_VAR } from '../upgrade-spec/upgrade-spec';

/**
 * The rehearsal knob for the time-scaled simulator, from a flag or `EKS_UPGRADE_TIME_SCALE`: how many
 * times faster than real time EKS time runs. 1 (real time) when unset.
 */
export function readTimeScale(flag?: string): number {
  const raw = flag ?? process.env[TIME_SCALE_ENV_VAR];
  if (raw === undefined || raw === '') return 1;
  const scale = Number(raw);
  if (!(scale > 0) || !Number.isFinite(scale)) {
    throw new InputError(`time scale ${JSON.stringify(raw)} (--time-scale or ${TIME_SCALE_ENV_VAR}) must be a positive number; 1 is real time`);
  }
  return scale;
}
