import { stoppedWrappers } from './signals';
import { runScenario } from './tally';
jest.setTimeout(170_000);
test.each(stoppedWrappers().map((s) => [s.name, s] as const))('%s', async (_n, s) => {
  const r = await runScenario('stopping', s);
  expect({ context: r.verdict.context, problems: r.verdict.problems }).toEqual({ context: r.verdict.context, problems: [] });
});
