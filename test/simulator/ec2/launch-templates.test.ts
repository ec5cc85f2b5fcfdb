/**
 * The simulator's EC2 launch templates over HTTP, driven by the exact requests the hashicorp/aws provider sends
 * (provider-requests.ts), answered in EC2's query protocol: XML in EC2's namespace, errors as
 * <Response><Errors><Error><Code>.
 */
import { PROVIDER_REQUESTS as req } from './provider-requests';
import { RunningSimulator, startSimulator } from '../../../src/simulator';

let sim: RunningSimulator;
beforeEach(async () => { sim = await startSimulator(); });
afterEach(async () => sim.close());

/** The seed's custom-AMI node group's launch template (cluster `legacy`, node group `custom`, version 1). */
const SEEDED = 'lt-0123456789abcdef0';

async function ec2(body: string, service = 'ec2'): Promise<{ status: number; body: string }> {
  const res = await fetch(sim.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      'authorization': `AWS4-HMAC-SHA256 Credential=simulated/20261206/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body,
  });
  return { status: res.status, body: await res.text() };
}

const tag = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
const errorCode = (xml: string) => /^<\?xml[^>]*>\n<Response><Errors><Error><Code>([^<]+)<\/Code><Message>([^<]*)<\/Message><\/Error><\/Errors><RequestID>[0-9a-f-]{36}<\/RequestID><\/Response>$/.exec(xml);

describe('EC2 launch templates', () => {
  test('the seed\'s node-group launch templates exist, at the version their node group runs', async () => {
    const r = await ec2(req.describeById(SEEDED));
    expect(r.status).toBe(200);
    expect(r.body).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<DescribeLaunchTemplatesResponse xmlns="http:\/\/ec2\.amazonaws\.com\/doc\/2016-11-15\/"><requestId>[0-9a-f-]{36}<\/requestId><launchTemplates><item>/);
    expect(tag(r.body, 'launchTemplateName')).toBe('demo-custom-lt');
    expect([tag(r.body, 'defaultVersionNumber'), tag(r.body, 'latestVersionNumber')]).toEqual(['1', '1']);
    expect(sim.simulator.launchTemplates().map((t) => t.name).sort()).toEqual(['demo-batch-lt', 'demo-custom-lt']);
  });

  test('EC2-LT-VERSIONS: the provider\'s update: a new version with the new image, made the default, read back', async () => {
    const created = await ec2(req.createVersion(SEEDED, 'terraform-1'));
    expect(created.status).toBe(200);
    expect(created.body).toMatch(/<CreateLaunchTemplateVersionResponse [^>]*><requestId>[^<]+<\/requestId><launchTemplateVersion>/);
    expect(tag(created.body, 'versionNumber')).toBe('2');
    expect(tag(created.body, 'defaultVersion')).toBe('false');
    const modified = await ec2(req.setDefault(SEEDED, 2, 'uuid-1'));
    expect(tag(modified.body, 'defaultVersionNumber')).toBe('2');
    const read = await ec2(req.describeVersion(SEEDED, 2));
    expect(read.body).toMatch(/<launchTemplateVersionSet><item>.*<defaultVersion>true<\/defaultVersion><launchTemplateData><imageId>ami-0abcdef0123456789<\/imageId><userData>eA==<\/userData><\/launchTemplateData><\/item><\/launchTemplateVersionSet>/);
  });

  test('the provider\'s create: every setting written is read back in the response\'s names, with the template\'s tags', async () => {
    const created = await ec2(req.create('fresh-1', 'terraform-2'));
    expect(created.status).toBe(200);
    const id = tag(created.body, 'launchTemplateId')!;
    expect(id).toMatch(/^lt-[0-9a-f]{17}$/);
    expect(created.body).toContain('<tagSet><item><key>owner</key><value>me</value></item></tagSet>');
    const byName = await ec2(req.describeByName('fresh-1'));
    expect(tag(byName.body, 'launchTemplateId')).toBe(id);
    const data = /<launchTemplateData>(.*)<\/launchTemplateData>/.exec((await ec2(req.describeVersion(id, 1))).body)![1];
    expect(data).toBe([
      '<blockDeviceMappingSet><item><deviceName>/dev/xvda</deviceName><ebs><volumeSize>40</volumeSize><volumeType>gp3</volumeType></ebs></item></blockDeviceMappingSet>',
      '<imageId>ami-0abcdef0123456789</imageId><instanceType>m6i.large</instanceType>',
      '<metadataOptions><httpPutResponseHopLimit>2</httpPutResponseHopLimit><httpTokens>required</httpTokens></metadataOptions>',
      '<securityGroupIdSet><item>sg-0123456789abcdef0</item></securityGroupIdSet>',
      '<tagSpecificationSet><item><resourceType>instance</resourceType><tagSet><item><key>team</key><value>x</value></item></tagSet></item></tagSpecificationSet>',
      '<userData></userData>',
    ].join(''));
  });

  test('EC2-LT-VERSIONS: a repeated ClientToken answers the first call and changes nothing; with other parameters it is refused', async () => {
    const first = await ec2(req.create('fresh-2', 'terraform-3'));
    const again = await ec2(req.create('fresh-2', 'terraform-3'));
    expect(again.body).toBe(first.body);
    expect(sim.simulator.launchTemplates().filter((t) => t.name === 'fresh-2')).toHaveLength(1);
    const other = await ec2(req.create('fresh-3', 'terraform-3'));
    expect(errorCode(other.body)?.[1]).toBe('IdempotentParameterMismatch');
  });

  test('EC2-LT-VERSIONS: delete: the template is gone, and reading it again is EC2\'s NotFound, which the provider takes as "removed"', async () => {
    expect((await ec2(req.delete(SEEDED))).status).toBe(200);
    const r = await ec2(req.describeById(SEEDED));
    expect(r.status).toBe(400);
    expect(errorCode(r.body)?.slice(1)).toEqual(['InvalidLaunchTemplateId.NotFound', `The specified launch template, with template ID ${SEEDED}, does not exist.`]);
  });

  test.each([
    ['an unknown name', req.describeByName('nope'), 'InvalidLaunchTemplateName.NotFoundException', 'The specified launch template, with template name nope, does not exist.'],
    ['a malformed id', req.describeById('lt-1'), 'InvalidLaunchTemplateId.Malformed', "The launch template ID 'lt-1' is malformed."],
    ['a version that does not exist', req.describeVersion(SEEDED, 7), 'InvalidLaunchTemplateId.VersionNotFound', `Could not find launch template version 7 for launch template ${SEEDED}.`],
    ['a name already in use', req.create('demo-custom-lt', 't'), 'InvalidLaunchTemplateName.AlreadyExistsException', 'Launch template name already in use.'],
    ['a default version that does not exist', req.setDefault(SEEDED, 3, 'u'), 'InvalidLaunchTemplateId.VersionNotFound', `Could not find launch template version 3 for launch template ${SEEDED}.`],
    ['an action the simulator does not serve', 'Action=RunInstances&Version=2016-11-15', 'InvalidAction', 'The action RunInstances is not valid for this web service.'],
  ])('%s is refused in EC2\'s error shape', async (_what, body, code, message) => {
    const r = await ec2(body);
    expect(r.status).toBe(400);
    expect(errorCode(r.body)?.slice(1)).toEqual([code, message]);
  });

  test('the call log records each EC2 operation, its template, and whether it changed something', async () => {
    await ec2(req.describeById(SEEDED));
    await ec2(req.createVersion(SEEDED, 'terraform-4'));
    expect(sim.simulator.calls().map((c) => [c.operation, c.resource, c.status, c.mutating])).toEqual([
      ['DescribeLaunchTemplates', SEEDED, 200, false],
      ['CreateLaunchTemplateVersion', SEEDED, 200, true],
    ]);
  });

  test('STS query requests are still STS\'s, told apart by the service their signature names', async () => {
    const r = await ec2('Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fup&RoleSessionName=s1&Version=2011-06-15', 'sts');
    expect(r.body).toMatch(/^<AssumeRoleResponse /);
  });
});
