import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { RepoView } from './ledger-checks';

export const REPO_ROOT = join(__dirname, '..', '..');

/** The working tree as a RepoView. */
export function workingTree(root: string = REPO_ROOT): RepoView {
  return {
    read: (path) => {
      const full = join(root, path);
      return existsSync(full) && statSync(full).isFile() ? readFileSync(full, 'utf8') : undefined;
    },
    sourceFiles: (folder) => walk(join(root, folder)).map((p) => relative(root, p).replace(/\\/g, '/')),
  };
}

/** A RepoView over a few files given inline, for testing the checks themselves. */
export function inlineRepo(files: Record<string, string>): RepoView {
  return {
    read: (path) => files[path],
    sourceFiles: (folder) => Object.keys(files).filter((p) => p.startsWith(`${folder}/`) && p.endsWith('.ts')),
  };
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return walk(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}
