/**
 * java.util.regex patterns run on JavaScript's RegExp (ksqlDB's regex functions use Java's). The
 * pattern is rewritten token by token for the `u` flag: Java-only syntax is translated (`\A \z \Z`,
 * `\Q…\E`, leading `(?ims)` flags, POSIX `\p{Alpha}`-style classes, `\h`, `\R`, `\e`, `\a`,
 * `\x{…}`, ASCII-only `\s`, octal `\0…`, nested `[a[b]]` unions), Java's `$` also matches before a
 * final line terminator, a Java identity escape (`\-`, `\'`) becomes the literal, and possessive
 * quantifiers and atomic groups degrade to their greedy forms (same result unless backtracking
 * into them would have mattered). Class intersections (`&&`) and `\G` are refused.
 */

const POSIX: Record<string, string> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r',
  javaLowerCase: '\\p{Ll}',
  javaUpperCase: '\\p{Lu}',
  javaWhitespace: '\\t-\\r\\x1C-\\x1F\\p{Zs}',
  IsAlphabetic: '\\p{Alphabetic}',
  IsLetter: '\\p{L}',
  IsDigit: '\\p{Nd}',
  IsUppercase: '\\p{Lu}',
  IsLowercase: '\\p{Ll}',
  IsWhite_Space: '\\p{White_Space}',
};

/** Java's `\s` is ASCII whitespace only (JavaScript's takes Unicode spaces too). */
const SPACE = ' \\t\\n\\x0B\\f\\r';
const VSPACE = '\\n\\x0B\\f\\r\\x85\\u2028\\u2029';
const HSPACE = ' \\t\\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000';
const LINE_END = '(?:\\r\\n|[\\n\\r\\u0085\\u2028\\u2029])';
const SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''));

const literal = (ch: string): string => (SYNTAX.has(ch) || ch === '-' ? `\\${ch}` : ch);

/** A translated pattern: RegExp source and flags. */
export interface JavaRegex {
  source: string;
  flags: string;
}

/** Thrown for a pattern Java would refuse or this translation cannot express. */
export class PatternSyntaxError extends Error {}

class Translator {
  private i = 0;
  private out = '';
  /** The body of the character class being read (nested unions flatten into it). */
  private cls_ = '';
  flags = new Set<string>(['u']);

  constructor(private readonly p: string) {}

  run(): JavaRegex {
    this.leadingFlags();
    while (this.i < this.p.length) this.outside();
    return { source: this.out, flags: [...this.flags].join('') };
  }

  private leadingFlags(): void {
    const m = /^\(\?([imsxdu]+)\)/.exec(this.p);
    if (m === null) return;
    for (const f of m[1]!) if (f === 'i' || f === 'm' || f === 's') this.flags.add(f);
    this.i = m[0].length;
  }

  private outside(): void {
    const c = this.p[this.i]!;
    if (c === '\\') {
      this.out += this.escape(false);
      return;
    }
    if (c === '[') {
      this.cls();
      return;
    }
    this.i++;
    if (c === '$') this.out += this.flags.has('m') ? '$' : `(?=${LINE_END}?$)`;
    else if (c === ']' || c === '}') this.out += `\\${c}`;
    else if (c === '(' && this.p.startsWith('?>', this.i)) {
      this.i += 2;
      this.out += '(?:';
    } else if ((c === '+' || c === '*' || c === '?' || c === '}') && this.p[this.i] === '+') {
      this.i++;
      this.out += c;
    } else if (c === '{' && !/^\d+(,\d*)?\}/.test(this.p.slice(this.i)))
      throw new PatternSyntaxError(`Illegal repetition near index ${this.i - 1}`);
    else this.out += c;
  }

  /** An escape; in a class, `inClass` makes class shorthands expand without brackets. */
  private escape(inClass: boolean): string {
    const c = this.p[this.i + 1];
    if (c === undefined) throw new PatternSyntaxError(`Unexpected internal error near index ${this.i}`);
    this.i += 2;
    switch (c) {
      case 'A':
        return '(?<![\\s\\S])';
      case 'z':
        return '(?![\\s\\S])';
      case 'Z':
        return `(?=${LINE_END}?(?![\\s\\S]))`;
      case 'G':
        throw new PatternSyntaxError('\\G is not supported');
      case 'Q': {
        const end = this.p.indexOf('\\E', this.i);
        const text = this.p.slice(this.i, end < 0 ? undefined : end);
        this.i = end < 0 ? this.p.length : end + 2;
        return [...text].map(literal).join('');
      }
      case 'h':
        return inClass ? HSPACE : `[${HSPACE}]`;
      case 's':
        return inClass ? SPACE : `[${SPACE}]`;
      case 'S':
        return inClass ? '\\S' : `[^${SPACE}]`;
      case 'v':
        return inClass ? VSPACE : `[${VSPACE}]`;
      case 'R':
        return `(?:\\r\\n|[\\n\\x0B\\f\\r\\u0085\\u2028\\u2029])`;
      case 'e':
        return '\\x1B';
      case 'a':
        return '\\x07';
      case 'p':
      case 'P':
        return this.property(c === 'P', inClass);
      case 'x':
        if (this.p[this.i] === '{') {
          const end = this.p.indexOf('}', this.i);
          const hex = this.p.slice(this.i + 1, end);
          this.i = end + 1;
          return `\\u{${hex}}`;
        }
        return '\\x';
      case '0': {
        const m = /^[0-3]?[0-7]{1,2}|^[0-7]/.exec(this.p.slice(this.i));
        if (m === null) throw new PatternSyntaxError(`Illegal octal escape sequence near index ${this.i}`);
        this.i += m[0].length;
        return `\\u{${Number.parseInt(m[0], 8).toString(16)}}`;
      }
      default:
        if (/[a-zA-Z0-9]/.test(c) || (c === '-' && inClass) || SYNTAX.has(c)) return `\\${c}`;
        return c;
    }
  }

  private property(negated: boolean, inClass: boolean): string {
    let name = this.p[this.i]!;
    if (name === '{') {
      const end = this.p.indexOf('}', this.i);
      name = this.p.slice(this.i + 1, end);
      this.i = end + 1;
    } else this.i++;
    const posix = POSIX[name.replace(/^Is(?=Lower$|Upper$|ASCII$|Alpha$|Digit$|Alnum$|Punct$|Space$)/, '')];
    if (posix !== undefined) {
      if (!negated) return inClass ? posix : `[${posix}]`;
      if (inClass) throw new PatternSyntaxError(`negated \\P{${name}} inside a class is not supported`);
      return `[^${posix}]`;
    }
    const js = name.replace(/^(In|Is)(?=[A-Z])/, 'Script=');
    const prop =
      /^(L|Lu|Ll|Lt|Lm|Lo|M|Mn|Mc|Me|N|Nd|Nl|No|P|Pc|Pd|Ps|Pe|Pi|Pf|Po|S|Sm|Sc|Sk|So|Z|Zs|Zl|Zp|C|Cc|Cf|Cs|Co|Cn)$/.test(
        name,
      )
        ? name
        : js;
    return `\\${negated ? 'P' : 'p'}{${prop}}`;
  }

  /** A character class, flattening Java's nested unions `[a[bc]]` into one JS class. */
  private cls(): void {
    this.cls_ = '';
    this.i++;
    let negate = false;
    if (this.p[this.i] === '^') {
      negate = true;
      this.i++;
    }
    this.classBody(true);
    this.out += `[${negate ? '^' : ''}${this.cls_}]`;
  }

  private classBody(first: boolean): void {
    let start = first;
    while (this.i < this.p.length) {
      const c = this.p[this.i]!;
      if (c === ']' && !start) {
        this.i++;
        return;
      }
      start = false;
      if (c === '\\') this.cls_ += this.escape(true);
      else if (c === '[') {
        if (this.p[this.i + 1] === '^')
          throw new PatternSyntaxError('negated nested classes are not supported');
        this.i++;
        this.classBody(true);
      } else if (c === '&' && this.p[this.i + 1] === '&')
        throw new PatternSyntaxError('class intersections (&&) are not supported');
      else {
        this.i++;
        const isRange = c === '-' && this.cls_ !== '' && this.p[this.i] !== ']';
        this.cls_ += isRange ? '-' : literal(c);
      }
    }
    throw new PatternSyntaxError(`Unclosed character class near index ${this.p.length - 1}`);
  }
}

const cache = new Map<string, RegExp>();

/**
 * A Java pattern as a JS RegExp (global, so it can be iterated; callers reset lastIndex). Throws
 * PatternSyntaxError for a pattern Java would refuse (or that cannot be expressed).
 */
export function javaRegex(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (re === undefined) {
    const { source, flags } = new Translator(pattern).run();
    try {
      re = new RegExp(source, `${flags}g`);
    } catch (e) {
      throw new PatternSyntaxError((e as Error).message);
    }
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, re);
  }
  re.lastIndex = 0;
  return re;
}

const groups = new WeakMap<RegExp, number>();
const emptyMatching = new WeakMap<RegExp, boolean>();

/** The number of capturing groups of a compiled pattern (Java's `groupCount()`), once per pattern. */
export function groupCount(re: RegExp): number {
  let n = groups.get(re);
  if (n === undefined) {
    n = new RegExp(`${re.source}|`, re.flags.replace('g', '')).exec('')!.length - 1;
    groups.set(re, n);
  }
  return n;
}

/** Whether the whole empty string matches (Java's `p.matcher("").matches()`), once per pattern. */
export function matchesEmpty(re: RegExp): boolean {
  let m = emptyMatching.get(re);
  if (m === undefined) {
    m = new RegExp(`^(?:${re.source})$`, re.flags.replace('g', '')).test('');
    emptyMatching.set(re, m);
  }
  return m;
}

/** Every match, as Java's `Matcher.find()` loop sees them (an empty match advances one position). */
export function* matches(re: RegExp, s: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    yield m;
    if (m[0] === '') re.lastIndex = m.index + (s.codePointAt(m.index)! > 0xffff ? 2 : 1);
  }
}
