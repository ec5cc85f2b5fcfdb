/**
 * What a rule id looks like, and how to find the ids a source file cites.
 *
 * An id is upper-case words, letters or digits, joined by hyphens: `MNG-MATCH-CP`, `AL2-ENDS-1-32`. In
 * TypeScript such a token can only stand in a comment, a string or a template, so scanning the whole text finds
 * the citations. A few hyphenated capitals in the code are not rule ids; they are listed here with the reason.
 */

const RULE_ID_SHAPE = /(?<![A-Za-z0-9_-])[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+(?![A-Za-z0-9_-])/g;

/** Hyphenated capitals that are not rule ids. Add one here only with the reason beside it. */
export const NOT_RULE_IDS: ReadonlyMap<string, string> = new Map([
  ['VPC-CNI', 'the add-on as EKS spells it in "Updating VPC-CNI can only go up or down 1 minor version at a time"'],
  ['UTF-8', 'a text encoding'],
  ['AWS4-HMAC-SHA256', 'the SigV4 signing algorithm, as X-Amz-Algorithm names it in an EKS token'],
]);

export function isRuleIdShape(token: string): boolean {
  return new RegExp(`^${RULE_ID_SHAPE.source}$`).test(token);
}

/** The rule ids a text cites, each once, in order of first appearance. */
export function citedIds(text: string): string[] {
  const seen = new Set<string>();
  for (const match of text.matchAll(RULE_ID_SHAPE)) {
    if (!NOT_RULE_IDS.has(match[0])) seen.add(match[0]);
  }
  return [...seen];
}

/** Whether a text cites this exact id (not as part of a longer id). */
export function mentionsId(text: string, id: string): boolean {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![A-Za-z0-9_-])${escaped}(?![A-Za-z0-9_-])`).test(text);
}
