import { nearest } from '../upgrade-spec/edit-distance';

/** `; did you mean '--spec'?` for a misspelt flag (`--sepc`), or nothing when no flag is close. */
function didYouMean(flag: string | undefined, flags: readonly string[]): string {
  if (flag === undefined || !flag.startsWith('--')) return '';
  const match = nearest(flag.slice(2), flags);
  return match ? `; did you mean '--${match}'?` : '';
}

/**
 * What util.parseArgs refused, in the CLI's words: the flag it names, and for a stray value an example of the
 * command's own (`example`, e.g. "--spec FILE") showing that every value follows its flag. `flags` are the command's
 * long flags, for a "did you mean".
 */
export function flagProblem(e: Error & { code?: string }, example: string, flags: readonly string[] = []): string {
  const named = /'([^']+)'/.exec(e.message)?.[1];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': return `unknown option '${named}'${didYouMean(named, flags)}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': return `unexpected argument '${named}' (every value follows its flag, e.g. ${example})`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': return e.message.replace(/^Option /, 'option ').replace(/\.$/, '');
    default: return e.message;
  }
}
