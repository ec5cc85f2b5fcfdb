/**
 * docs/iam.md's Kubernetes section: the ClusterRole it shows is rendered here from KUBE_READS, the list the reader
 * walks (src/kubernetes/kube-reads.ts), so the doc cannot grant less, or more, than the code reads.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KUBE_READS, KUBE_VERBS } from '../../src/kubernetes/kube-reads';

const DOC = readFileSync(join(__dirname, '..', '..', 'docs', 'iam.md'), 'utf8');

function fencedBlock(name: string): string {
  const match = new RegExp(`<!-- ${name} -->\\s*\`\`\`[a-z]*\\n([\\s\\S]*?)\`\`\``).exec(DOC);
  if (!match) throw new Error(`docs/iam.md: no fenced block after <!-- ${name} -->`);
  return match[1];
}

/** The least ClusterRole: one rule per API group, its resources in the order the reader lists them. */
function renderClusterRole(): string {
  const groups = [...new Set(KUBE_READS.map((r) => r.apiGroup))];
  const rules = groups.map((g) => [
    `  - apiGroups: ["${g}"]`,
    `    resources: [${KUBE_READS.filter((r) => r.apiGroup === g).map((r) => `"${r.resource}"`).join(', ')}]`,
    `    verbs: [${KUBE_VERBS.map((v) => `"${v}"`).join(', ')}]`,
  ].join('\n'));
  return ['apiVersion: rbac.authorization.k8s.io/v1', 'kind: ClusterRole', 'metadata:', '  name: eks-upgrade-data-plane-reader', 'rules:', ...rules, ''].join('\n');
}

test('docs/iam.md shows the ClusterRole the data-plane reads need, rendered from KUBE_READS', () => {
  expect(fencedBlock('kubernetes-cluster-role')).toBe(renderClusterRole());
});

test('every read is a list the reader makes, and the doc names each resource', () => {
  for (const r of KUBE_READS) expect(DOC).toContain(`\`${r.path}\``);
});

test('the access-entry way names an access policy and cites its source', () => {
  expect(DOC).toMatch(/AmazonEKSAdminViewPolicy/);
  expect(DOC).toContain('https://docs.aws.amazon.com/eks/latest/userguide/access-policy-permissions.html');
});
