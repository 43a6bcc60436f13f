/**
 * What JSON.parse would silently change, or what later code cannot survive, found in the body's
 * text: nesting deeper than MAX_JSON_DEPTH (JSON.stringify overflows its stack at ~10,000) and
 * integer literals beyond ±(2^53 − 1) (JSON.parse rounds them).
 *
 * The scan runs after JSON.parse succeeded, so the text is known to be valid JSON; it keeps the
 * path to each place so a 422 can point at it. One pass, no recursion, linear in the text.
 */

/** Deepest nesting of arrays and objects a request body may have. */
export const MAX_JSON_DEPTH = 1_000;

export type JsonPath = (string | number)[];

export interface JsonTextProblem {
  path: JsonPath;
  kind: 'too_deep' | 'unsafe_integer';
  /** The literal as sent (unsafe integers). */
  literal?: string;
}

interface Frame {
  isArray: boolean;
  /** The key of the member being read (objects) or the index of the item (arrays). */
  key: string | number;
}

const MAX_PROBLEMS = 20;
const INTEGER_LITERAL = /^-?\d+$/;

/** Problems in `text` (valid JSON), in document order, at most 20. */
export function inspectJsonText(text: string): JsonTextProblem[] {
  const problems: JsonTextProblem[] = [];
  const stack: Frame[] = [];
  const path = (): JsonPath => stack.map((frame) => frame.key);
  let index = 0;
  while (index < text.length && problems.length < MAX_PROBLEMS) {
    const character = text[index]!;
    if (character === '{' || character === '[') {
      stack.push({ isArray: character === '[', key: 0 });
      if (stack.length > MAX_JSON_DEPTH) {
        stack.pop();
        problems.push({ path: path(), kind: 'too_deep' });
        break;
      }
      index++;
    } else if (character === '}' || character === ']') {
      stack.pop();
      index++;
    } else if (character === ',') {
      const top = stack.at(-1);
      if (top?.isArray) top.key = (top.key as number) + 1;
      index++;
    } else if (character === '"') {
      const end = endOfString(text, index);
      const raw = text.slice(index, end);
      index = end;
      const top = stack.at(-1);
      const isKey = top !== undefined && !top.isArray && nextSignificant(text, index) === ':';
      // Parsed only when it has escapes: most keys are plain, and parsing each would double the cost.
      if (isKey) top.key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
    } else if (character === '-' || (character >= '0' && character <= '9')) {
      let end = index + 1;
      while (end < text.length && '0123456789+-.eE'.includes(text[end]!)) end++;
      const literal = text.slice(index, end);
      index = end;
      if (INTEGER_LITERAL.test(literal) && !Number.isSafeInteger(Number(literal))) problems.push({ path: path(), kind: 'unsafe_integer', literal });
    } else {
      // Whitespace, ':' and the letters of true/false/null.
      index++;
    }
  }
  return problems;
}

/** Index just past the closing quote of the string starting at `start`. */
function endOfString(text: string, start: number): number {
  let index = start + 1;
  for (;;) {
    const quote = text.indexOf('"', index);
    if (quote === -1) return text.length;
    let backslashes = 0;
    for (let before = quote - 1; text[before] === '\\'; before--) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    index = quote + 1;
  }
}

function nextSignificant(text: string, start: number): string | undefined {
  for (let index = start; index < text.length; index++) {
    const character = text[index]!;
    if (character !== ' ' && character !== '\n' && character !== '\r' && character !== '\t') return character;
  }
  return undefined;
}
