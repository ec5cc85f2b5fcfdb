import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { errorOf } from './helpers';
import { KubernetesVersion } from '../../src';

describe('KubernetesVersion', () => {
  test.each(['1.23', '1.31', '1.100'])('%s is a minor version', (v) => {
    expect(KubernetesVersion.of(v).version).toBe(v);
  });

  test.each([
    ['v1.31', "'v1.31' is not a Kubernetes minor version: use 1.31, not v1.31 / 1.31.2 (no leading v)"],
    ['1.31.2', "'1.31.2' is not a Kubernetes minor version: use 1.31, not v1.31 / 1.31.2 (no patch level: EKS manages patches itself)"],
    ['v1.30.1-eks-1', "'v1.30.1-eks-1' is not a Kubernetes minor version: use 1.30, not v1.30 / 1.30.2 (no leading v; no patch level: EKS manages patches itself)"],
    ['1.031', "'1.031' is not a Kubernetes minor version: use 1.31, not v1.31 / 1.31.2"],
    ['2.0', "'2.0' is not a Kubernetes minor version: use the form 1.31, not v1.31 / 1.31.2"],
    ['', "'' is not a Kubernetes minor version: use the form 1.31, not v1.31 / 1.31.2"],
  ])('%s is rejected with the fix', (v, message) => {
    expect(errorOf(() => KubernetesVersion.of(v))).toBe(message);
  });

  test('a token is accepted as it is', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const token = new TerraformVariable(stack, 'k8s', { type: 'string' }).stringValue;
    expect(KubernetesVersion.of(token).version).toBe(token);
  });
});
