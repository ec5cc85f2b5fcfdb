import { agreeTimeScale, askSimulatorClock } from '../../src/cli/agreed-time-scale';
import { startSimulator, VirtualClock } from '../../src/simulator';

test('a simulator advertises its time scale, and nothing else answers', async () => {
  const scaled = await startSimulator({ port: 0, timeScale: 600 });
  const virtual = await startSimulator({ port: 0, clock: new VirtualClock() });
  try {
    expect(await askSimulatorClock({ AWS_ENDPOINT_URL_EKS: scaled.url })).toEqual({ url: scaled.url, clock: { timeScale: 600, virtual: false } });
    expect(await askSimulatorClock({ AWS_ENDPOINT_URL: virtual.url })).toEqual({ url: virtual.url, clock: { timeScale: null, virtual: true } });
    expect(await askSimulatorClock({})).toBeUndefined();
    // A closed port (the server above, once closed) is no answer, not an error.
    const closed = await startSimulator({ port: 0 });
    await closed.close();
    expect(await askSimulatorClock({ AWS_ENDPOINT_URL_EKS: closed.url })).toBeUndefined();
  } finally {
    await scaled.close();
    await virtual.close();
  }
});

describe('agreeTimeScale', () => {
  const at = (timeScale: number | null, virtual = false) => ({ url: 'http://127.0.0.1:4566', clock: { timeScale, virtual } });

  test('none given: the simulator\'s is adopted, said in one line', () => {
    const lines: string[] = [];
    expect(agreeTimeScale(undefined, at(600), (l) => lines.push(l))).toBe(600);
    expect(lines).toEqual(['time scale 600: adopted from the simulator at http://127.0.0.1:4566, which runs 600x faster than real time (--time-scale or EKS_UPGRADE_TIME_SCALE overrides it)']);
  });

  test('one given that disagrees is kept, with a warning naming both', () => {
    const lines: string[] = [];
    expect(agreeTimeScale(5, at(600), (l) => lines.push(l))).toBe(5);
    expect(lines).toEqual([expect.stringMatching(/^warning: time scale 5 given, but the simulator at http:\/\/127\.0\.0\.1:4566 runs at 600; waits and timeouts will be too slow for it \(pass --time-scale 600/)]);
  });

  test('agreement, real EKS, or a real-time simulator: nothing said', () => {
    const lines: string[] = [];
    expect(agreeTimeScale(600, at(600), (l) => lines.push(l))).toBe(600);
    expect(agreeTimeScale(undefined, undefined, (l) => lines.push(l))).toBe(1);
    expect(agreeTimeScale(undefined, at(1), (l) => lines.push(l))).toBe(1);
    expect(lines).toEqual([]);
  });
});
