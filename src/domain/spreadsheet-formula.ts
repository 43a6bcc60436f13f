/**
 * CSV formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that starts with
 * `=`, `+`, `-`, `@`, TAB or CR as a formula. Exported cells hold imported inputs and answers
 * taken from web pages, both attacker-controlled, so exports prefix such cells with a single
 * quote, which spreadsheets show as text. Plain numbers (`-5`, `+1.5e3`) are left alone: no
 * spreadsheet runs them, and a prefix would turn every negative amount into text.
 */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** `text` as a spreadsheet will show it rather than run it. */
export function neutralizeFormula(text: string): string {
  if (text === '' || !FORMULA_TRIGGERS.has(text[0]!) || PLAIN_NUMBER.test(text)) return text;
  return `'${text}`;
}
