import { CancelUpdateCommand, DescribeUpdateCommand, EKSClient } from '@aws-sdk/client-eks';
import { mockClient } from 'aws-sdk-client-mock';
import { EksApi } from '../../../src/aws/eks-api';
import { cancelOwnRollback } from '../../../src/engine/runtime-rules/cancel-rollback-only';

const eks = mockClient(EKSClient);
const api = () => new EksApi('demo', { region: 'us-east-1' });
beforeEach(() => eks.reset());

describe('CANCEL-ROLLBACK-ONLY: reporting a cancellation as DescribeUpdate reads it', () => {
  test('CANCEL-ROLLBACK-ONLY: a cancellation still InProgress is reported as such, with a way to follow it', async () => {
    eks.on(CancelUpdateCommand).resolves({ update: { id: 'rb', status: 'Cancelled' } });
    eks.on(DescribeUpdateCommand).resolves({ update: { id: 'rb', status: 'InProgress', cancellation: { status: 'InProgress', reason: 'Stopping' } } });
    const out = await cancelOwnRollback(api(), 'rb');
    expect(out).toMatchObject({ status: 'InProgress', cancellation: { status: 'InProgress', reason: 'Stopping' } });
    expect(out.text).toMatch(/DescribeUpdate now reads status InProgress, cancellation InProgress \(Stopping\); the cancellation is still under way; follow it with aws eks describe-update --name demo --update-id rb/);
  });

  test('CANCEL-ROLLBACK-ONLY: a Failed cancellation leaves the rollback running, and says so', async () => {
    eks.on(CancelUpdateCommand).resolves({ update: { id: 'rb', status: 'InProgress' } });
    eks.on(DescribeUpdateCommand).resolves({ update: { id: 'rb', status: 'InProgress', cancellation: { status: 'Failed', reason: 'Control plane rollback has started' } } });
    const out = await cancelOwnRollback(api(), 'rb');
    expect(out.text).toMatch(/cancellation Failed \(Control plane rollback has started\); the rollback keeps running in EKS/);
  });

  test('CANCEL-ROLLBACK-ONLY: a rollback that ended before the cancellation is reported with its own status', async () => {
    eks.on(CancelUpdateCommand).rejects(Object.assign(new Error('Update rb cannot be cancelled because its status is Successful.'), { name: 'InvalidRequestException' }));
    eks.on(DescribeUpdateCommand).resolves({ update: { id: 'rb', status: 'Successful' } });
    const out = await cancelOwnRollback(api(), 'rb');
    expect(out.status).toBe('Successful');
    expect(out.text).toMatch(/^CancelUpdate on rb was refused \(InvalidRequestException: .*\); .*cancellation none; the rollback ended Successful before it could be cancelled$/);
  });

  test('CANCEL-ROLLBACK-ONLY: when DescribeUpdate fails afterwards, the outcome is unknown, not assumed', async () => {
    eks.on(CancelUpdateCommand).resolves({ update: { id: 'rb', status: 'Cancelled' } });
    eks.on(DescribeUpdateCommand).rejects(Object.assign(new Error('boom'), { name: 'AccessDeniedException' }));
    const out = await cancelOwnRollback(api(), 'rb');
    expect(out.status).toBeUndefined();
    expect(out.text).toMatch(/DescribeUpdate failed afterwards \(AccessDeniedException: boom\), so the outcome is unknown/);
  });

  test('CANCEL-ROLLBACK-ONLY: the CancelUpdate token is the same on a retry', async () => {
    eks.on(CancelUpdateCommand).resolves({ update: { id: 'rb' } });
    eks.on(DescribeUpdateCommand).resolves({ update: { id: 'rb', status: 'Cancelled' } });
    await cancelOwnRollback(api(), 'rb');
    await cancelOwnRollback(api(), 'rb');
    const [a, b] = eks.commandCalls(CancelUpdateCommand).map((c) => c.args[0].input.clientRequestToken);
    expect(a).toBeDefined();
    expect(a).toBe(b);
  });
});
