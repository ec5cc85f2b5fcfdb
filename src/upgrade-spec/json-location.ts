/**
 * Where a JSON text stops being JSON, as a line and column: Node's own message gives a character offset at best
 * ("position 82"), and on Node 20 often not even that. A small scanner of RFC 8259's grammar finds the first character
 * that cannot continue the text.
 */
class Scanner {
  i = 0;
  constructor(private readonly s: string) {}

  /** The offset of the first error, or undefined when the whole text is one JSON value. */
  firstError(): number | undefined {
    try {
      this.ws();
      this.value();
      this.ws();
      return this.i < this.s.length ? this.i : undefined;
    } catch (at) {
      return at as number;
    }
  }

  private fail(): never {
    throw this.i;
  }

  private ws(): void {
    while (' \t\n\r'.includes(this.s[this.i] ?? '-')) this.i++;
  }

  private expect(ch: string): void {
    if (this.s[this.i] !== ch) this.fail();
    this.i++;
  }

  private value(): void {
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    for (const word of ['true', 'false', 'null']) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return;
      }
    }
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 400));
    if (!number || number[0] === '' || number[0] === '-') this.fail();
    this.i += number[0].length;
  }

  private object(): void {
    this.sequence('{', '}', () => {
      this.string();
      this.ws();
      this.expect(':');
      this.ws();
      this.value();
    });
  }

  private array(): void {
    this.sequence('[', ']', () => this.value());
  }

  /** `open`, then items separated by commas (none at all, but no trailing comma), then `close`. */
  private sequence(open: string, close: string, item: () => void): void {
    this.expect(open);
    this.ws();
    if (this.s[this.i] === close) {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      item();
      this.ws();
      if (this.s[this.i] === close) {
        this.i++;
        return;
      }
      this.expect(',');
    }
  }

  private string(): void {
    this.expect('"');
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === '"') {
        this.i++;
        return;
      }
      if (c < ' ') this.fail();
      this.i += c === '\\' ? 2 : 1;
    }
    this.fail();
  }
}

/**
 * "line 3, column 8: unexpected '}'" for a text JSON.parse refused; "unexpected end of the text" when it stops early.
 * Undefined when the text is JSON after all.
 */
export function locateJsonError(text: string): string | undefined {
  const at = new Scanner(text).firstError();
  if (at === undefined) return undefined;
  const before = text.slice(0, at).split('\n');
  const where = `line ${before.length}, column ${before[before.length - 1].length + 1}`;
  const found = at >= text.length ? 'unexpected end of the text' : `unexpected ${JSON.stringify(text[at])}`;
  const hint = text[at] === '}' || text[at] === ']' ? ' (a trailing comma, or a missing value?)' : text[at] === "'" ? ' (JSON strings take double quotes)' : '';
  return `${where}: ${found}${hint}`;
}
