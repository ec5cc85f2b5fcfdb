/**
 * docs/design.md ("Waiting") states the poll schedule and the expected durations in figures; each is derived here from
 * the constants the waiter uses, so a tuned schedule cannot leave the shipped doc describing the old one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectedSeconds } from '../../src/engine/expected-duration';
import type { PlanStep } from '../../src/engine/plan-types';
import { DEFAULT_POLL_SCHEDULE as S } from '../../src/engine/poll-schedule';

const design = readFileSync(join(__dirname, '..', '..', 'docs', 'design.md'), 'utf8');
const waiting = design.split('## Waiting')[1]?.split('\n## ')[0].replace(/\s+/g, ' ') ?? '';
const percent = (fraction: number) => `${Math.round(fraction * 100)} %`;
const seconds = (action: string, extra: object = {}) => expectedSeconds({ action, ...extra } as unknown as PlanStep);
const minutes = (s: number) => `${s / 60} min`;

test('the poll schedule, figure by figure', () => {
  expect(waiting).toContain(`Across ±${percent(S.spread)} of the expected duration`);
  expect(waiting).toContain(`it polls every ${S.windowSeconds} s, or every ${percent(S.relative)} of the elapsed time`);
  // Proportional polling starts where its interval reaches the window's: windowSeconds / relative of elapsed time.
  expect(waiting).toContain(`from ${percent(S.coverFrom)} of the expected duration or ${S.windowSeconds / S.relative} s, whichever is later`);
  expect(waiting).toContain(`it polls every ${percent(S.relative)} of the elapsed time, at most ${S.maxSeconds} s apart`);
  expect(waiting).toContain(`even steps of at most ${S.sparseSeconds} s`);
  expect(waiting).toContain(`Each delay is up to ${percent(S.jitter)} shorter at random, never under ${S.minSeconds} s`);
});

test('the expected durations', () => {
  expect(waiting).toContain(`control plane ${minutes(seconds('cluster-version'))}`);
  expect(waiting).toContain(`add-on ${minutes(seconds('addon-update'))}`);
  expect(waiting).toContain(`node-group config ${seconds('nodegroup-config')} s`);
  // One node, one batch: the fixed part plus one batch.
  const oneBatch = seconds('nodegroup-version');
  const twoBatches = expectedSeconds({ action: 'nodegroup-version' } as unknown as PlanStep, { desiredSize: 2, updateConfig: { maxUnavailable: 1 } } as any);
  const perBatch = twoBatches - oneBatch;
  expect(waiting).toContain(`node-group version ${minutes(oneBatch - perBatch)} plus ${minutes(perBatch)} per batch`);
});
