/**
 * docs/cli.md and the code say the same: the region chain is stated once in the docs, as the CLI's help and errors
 * state it; EKS_UPGRADE_SPEC is the spec's JSON text in the docs, the help and the code; the output formats link
 * their schemas; cancelling and interrupting each have a section.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './repo-view';
import { HANDLER } from '../../scripts/rehearsal';
import { REGION_CHAIN } from '../../src/errors/run-errors';

const read = (file: string) => readFileSync(join(REPO_ROOT, file), 'utf8');
const cliDoc = read('docs/cli.md');
const plain = (markdown: string) => markdown.replace(/`|\*\*/g, '').replace(/\s+/g, ' ');
const help = () => spawnSync(process.execPath, [HANDLER, '--help'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');

test('the region chain is stated in docs/cli.md as the code states it, and nowhere else in the docs', () => {
  expect(plain(cliDoc)).toContain(`The region is, in this order: ${REGION_CHAIN}.`);
  expect(help()).toContain(`the region: ${REGION_CHAIN} (AWS_DEFAULT_REGION is not read)`);
  const others = ['README.md', ...readdirSync(join(REPO_ROOT, 'docs')).filter((f) => f.endsWith('.md') && f !== 'cli.md').map((f) => `docs/${f}`)];
  for (const file of others) {
    // Elsewhere the docs link to the chain; no other page lists AWS_DEFAULT_REGION as a source of the handler's region,
    // nor restates the chain (in any wording that keeps its order: spec, then AWS_REGION, then the profile).
    expect([file, /region chain \(.*AWS_DEFAULT_REGION/.test(read(file))]).toEqual([file, false]);
    expect([file, /\bregion\b[^.]*?\belse AWS_REGION\b/i.test(plain(read(file)))]).toEqual([file, false]);
  }
  expect(read('docs/spec.md')).toContain('](cli.md#region)');
});

test('EKS_UPGRADE_SPEC is the spec\'s JSON text, in the docs and the help', () => {
  expect(plain(cliDoc)).toContain('EKS_UPGRADE_SPEC holds the spec\'s JSON text itself, not a path');
  expect(help()).toContain('EKS_UPGRADE_SPEC (the spec\'s JSON text, not a path;');
  expect(help()).toContain('default: the JSON text in $EKS_UPGRADE_SPEC');
  const path = spawnSync(process.execPath, [HANDLER, 'plan'], { encoding: 'utf8', env: { ...process.env, EKS_UPGRADE_SPEC: './spec.json' } });
  expect([path.status, path.stderr]).toEqual([2, 'eks-upgrade: EKS_UPGRADE_SPEC holds the spec\'s JSON text, not a path, and \'./spec.json\' looks like a path: pass --spec ./spec.json instead\n']);
});

test('the output formats link their schemas, and cancelling and interrupting each have a section', () => {
  expect(cliDoc).toContain('(../schema/plan-v1.schema.json)');
  expect(cliDoc).toContain('(../schema/run-report-v1.schema.json)');
  expect(cliDoc).toMatch(/^## Cancelling$/m);
  expect(cliDoc).toMatch(/^## Interrupting$/m);
  expect(read('README.md')).toContain('[docs/cli.md](docs/cli.md)');
});
