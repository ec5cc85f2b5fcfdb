import { Finding } from '../plan-types';

/** A refusal: the plan is not made and nothing is changed. */
export function refuse(rule: string, field: string, message: string): Finding {
  return { rule, severity: 'refuse', field, message };
}

/** A warning: the plan goes ahead, and the user is told. */
export function warn(rule: string, field: string, message: string): Finding {
  return { rule, severity: 'warn', field, message };
}

/** A finding the planner cannot prove either way (the data plane was not read): said, never silently dropped. */
export function unknown(rule: string, field: string, message: string): Finding {
  return { rule, severity: 'unknown', field, message };
}

export function formatFinding(f: Finding): string {
  return `[${f.rule}] ${f.field}: ${f.message}`;
}
