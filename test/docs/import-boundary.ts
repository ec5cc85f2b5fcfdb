import { dirname, join, normalize } from 'node:path';
import type { RepoView } from './ledger-checks';

/**
 * The planner and the simulator implement each EKS rule independently (docs/eks-rules.md), so neither may import
 * the other: a shared helper would let one wrong assumption pass both sides' tests again.
 */

const SPECIFIERS = [
  /\b(?:import|export)\s[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
];

/** Module specifiers a TypeScript text imports, re-exports or requires. */
export function importSpecifiers(text: string): string[] {
  return SPECIFIERS.flatMap((re) => [...text.matchAll(re)].map((m) => m[1]));
}

/** The repository-relative path a relative specifier points at, or undefined for a package import. */
export function resolveSpecifier(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return normalize(join(dirname(fromFile), specifier)).replace(/\\/g, '/');
}

export interface BoundaryViolation {
  readonly file: string;
  readonly specifier: string;
  readonly message: string;
}

/** Files under `from` that import anything under `forbidden` (both repository-relative folders). */
export function crossImports(repo: RepoView, from: string, forbidden: string): BoundaryViolation[] {
  return repo.sourceFiles(from).flatMap((file) => importSpecifiers(repo.read(file) ?? '')
    .filter((spec) => {
      const target = resolveSpecifier(file, spec);
      return target !== undefined && (target === forbidden || target.startsWith(`${forbidden}/`));
    })
    .map((specifier) => ({
      file,
      specifier,
      message: `${file} imports '${specifier}' from ${forbidden}: ${from} and ${forbidden} implement the EKS rules independently; `
        + `write the rule again in ${from} from its docs/eks-rules.md row (or move a truly neutral helper to src/spec) instead of importing it`,
    })));
}
