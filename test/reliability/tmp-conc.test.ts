import { concurrentApplies } from './concurrency';
import { runScenario } from './tally';
jest.setTimeout(170_000);
test.each(concurrentApplies().slice(2, 3).map((s) => [s.name, s] as const))('%s', async (_n, s) => {
  const r = await runScenario('c', s);
  expect({ context: r.verdict.context, problems: r.verdict.problems }).toEqual({ context: r.verdict.context, problems: [] });
});
