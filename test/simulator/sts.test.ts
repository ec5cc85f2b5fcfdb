/** STS AssumeRole over HTTP, as the awsQuery protocol carries it (form-encoded request, XML answer). */
import { RunningSimulator, startSimulator } from '../../src/simulator';

let sim: RunningSimulator;
beforeEach(async () => { sim = await startSimulator(); });
afterEach(async () => sim.close());

async function sts(form: Record<string, string>, accessKeyId = 'AKIDCALLER0000000001'): Promise<{ status: number; body: string }> {
  const res = await fetch(sim.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      'authorization': `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20261128/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: new URLSearchParams({ Version: '2011-06-15', ...form }).toString(),
  });
  return { status: res.status, body: await res.text() };
}

const tag = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

test('AssumeRole answers temporary credentials and the assumed-role ARN, and the issued key signs as that role', async () => {
  const r = await sts({ Action: 'AssumeRole', RoleArn: 'arn:aws:iam::111122223333:role/path/up', RoleSessionName: 's1', DurationSeconds: '900' });
  expect(r.status).toBe(200);
  expect(r.body).toMatch(/^<AssumeRoleResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><AssumeRoleResult><Credentials>/);
  expect(tag(r.body, 'Arn')).toBe('arn:aws:sts::111122223333:assumed-role/up/s1');
  const key = tag(r.body, 'AccessKeyId')!;
  expect(key).toMatch(/^ASIA[0-9A-F]{16}$/);
  const expires = Date.parse(tag(r.body, 'Expiration')!);
  expect(expires - Date.now()).toBeGreaterThan(800_000);
  expect(expires - Date.now()).toBeLessThanOrEqual(900_000);

  await sts({ Action: 'AssumeRole', RoleArn: 'arn:aws:iam::111122223333:role/other', RoleSessionName: 's2' }, key);
  expect(sim.simulator.calls().map((c) => c.identity)).toEqual(['AKIDCALLER0000000001', 'arn:aws:sts::111122223333:assumed-role/up/s1']);
});

test.each([
  ['a user ARN', { RoleArn: 'arn:aws:iam::111122223333:user/ops', RoleSessionName: 's1' }, /at 'roleArn'/],
  ['a one-character session name', { RoleArn: 'arn:aws:iam::111122223333:role/up', RoleSessionName: 's' }, /at 'roleSessionName'/],
  ['an external id with a space', { RoleArn: 'arn:aws:iam::111122223333:role/up', RoleSessionName: 's1', ExternalId: 'a b' }, /at 'externalId'/],
  ['a session shorter than 15 minutes', { RoleArn: 'arn:aws:iam::111122223333:role/up', RoleSessionName: 's1', DurationSeconds: '600' }, /Value '600' at 'durationSeconds'.*greater than or equal to 900$/],
  ['a session longer than 12 hours', { RoleArn: 'arn:aws:iam::111122223333:role/up', RoleSessionName: 's1', DurationSeconds: '43201' }, /Value '43201' at 'durationSeconds'.*less than or equal to 43200$/],
  ['a duration that is not a number', { RoleArn: 'arn:aws:iam::111122223333:role/up', RoleSessionName: 's1', DurationSeconds: 'soon' }, /Value 'soon' at 'durationSeconds'/],
])('AssumeRole refuses %s with a ValidationError', async (_name, form, message) => {
  const r = await sts({ Action: 'AssumeRole', ...form });
  expect(r.status).toBe(400);
  expect(tag(r.body, 'Code')).toBe('ValidationError');
  expect(tag(r.body, 'Message')).toMatch(message);
});

test('other STS actions are refused, and reset() forgets the keys it issued', async () => {
  const r = await sts({ Action: 'GetCallerIdentity' });
  expect([r.status, tag(r.body, 'Code')]).toEqual([400, 'InvalidAction']);
  const key = tag((await sts({ Action: 'AssumeRole', RoleArn: 'arn:aws:iam::111122223333:role/up', RoleSessionName: 's1' })).body, 'AccessKeyId')!;
  sim.simulator.reset();
  await sts({ Action: 'AssumeRole', RoleArn: 'arn:aws:iam::111122223333:role/up', RoleSessionName: 's1' }, key);
  expect(sim.simulator.calls().map((c) => c.identity)).toEqual([key]);
});
