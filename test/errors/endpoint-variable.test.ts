import { EndpointUnreachableError, explainEnvironmentError } from '../../src/errors/run-errors';

const refused = (address: string, port: number) => Object.assign(new Error(`connect ECONNREFUSED ${address}:${port}`), { code: 'ECONNREFUSED', address, port });
const env = { AWS_ENDPOINT_URL_EKS: 'http://127.0.0.1:4566', AWS_ENDPOINT_URL_SSM: 'http://127.0.0.1:4577', AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:4588' };

test.each([
  [4566, 'EKS', 'AWS_ENDPOINT_URL_EKS'],
  [4577, 'SSM', 'AWS_ENDPOINT_URL_SSM'],
  [4588, 'STS', 'AWS_ENDPOINT_URL_STS'],
])('an endpoint that does not answer on port %s is named by its own variable (%s)', (port, service, variable) => {
  const e = explainEnvironmentError(refused('127.0.0.1', port), env) as Error;
  expect(e).toBeInstanceOf(EndpointUnreachableError);
  expect(e.message).toBe(`cannot reach the ${service} endpoint ${variable}=http://127.0.0.1:${port} (127.0.0.1:${port}: connection refused); start the simulator there (npx eks-upgrade simulator) or fix ${variable}`);
});

test('the shared AWS_ENDPOINT_URL is named when it is what set the endpoint', () => {
  const e = explainEnvironmentError(refused('127.0.0.1', 4566), { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' }) as Error;
  expect(e.message).toMatch(/^cannot reach the AWS endpoint AWS_ENDPOINT_URL=http:\/\/127\.0\.0\.1:4566 .* or fix AWS_ENDPOINT_URL$/);
});
