/**
 * Turning a model's raw answer into the value a cell stores, for any output format. This is the
 * contract between research agents and tables: a parse either yields a value of the column's
 * format or a reason, never a value the evidence did not give.
 */
import { parseDateAnswer } from './date.ts';
import { parseEmailAnswer } from './email.ts';
import { findFormatOptionsProblem } from './format-options.ts';
import { canonicalFormat, isOutputFormat, type CanonicalOutputFormat, type OutputFormat } from './format-names.ts';
import { parseGradeAnswer } from './grade.ts';
import { parseJsonAnswer } from './json.ts';
import { findLabel } from './label-matching.ts';
import { parseMoneyAnswer } from './money.ts';
import { parseMultiselectAnswer } from './multiselect.ts';
import { isNotFoundAnswer } from './not-found.ts';
import { parseNumericAnswer } from './numeric.ts';
import { notFound, rejected, type AnswerParser, type ParseOptions, type ParseResult } from './parse-result.ts';
import { parsePeopleAnswer } from './people.ts';
import { parsePhoneAnswer } from './phone.ts';
import { parseSelectAnswer } from './select.ts';
import { parseTextAnswer } from './text.ts';
import { parseUrlAnswer } from './url.ts';

const PARSERS: Readonly<Record<CanonicalOutputFormat, AnswerParser>> = {
  text: parseTextAnswer,
  url: parseUrlAnswer,
  email: parseEmailAnswer,
  phone: parsePhoneAnswer,
  select: parseSelectAnswer,
  multiselect: parseMultiselectAnswer,
  numeric: parseNumericAnswer,
  money: parseMoneyAnswer,
  date: parseDateAnswer,
  grade: parseGradeAnswer,
  json: parseJsonAnswer,
  people: parsePeopleAnswer,
};

/**
 * Parses `raw` (usually the `answer` field of the model's reply) as `format`.
 *
 * - "Not found" in any common spelling, `null` or a blank string yields
 *   `{ ok: true, answer: "Not found", isNotFound: true }` for every format.
 * - A usable answer yields `{ ok: true, answer, isNotFound: false }` with the normalised value.
 * - Anything else yields `{ ok: false, reason }`, a sentence fit to send back to the model for a
 *   repair attempt or to show the user on a failed cell.
 */
export function parseAnswer(format: OutputFormat, raw: unknown, options: ParseOptions = {}): ParseResult {
  // Stored columns may predate a format's removal; a bad name must fail the cell, not crash the worker.
  if (!isOutputFormat(format)) return rejected(`'${String(format)}' is not a known output format`);
  const problem = findFormatOptionsProblem(format, options);
  if (problem !== undefined) return rejected(problem);
  if (raw === undefined) return rejected('The reply has no answer; give the answer, or "Not found" if the evidence does not support one');
  // ["Not found"] is how models say "Not found" when the format asks for a list.
  const single = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
  if ((isNotFoundAnswer(raw) || (single !== raw && isNotFoundAnswer(single))) && !isLabelNamed(format, single, options)) {
    return notFound();
  }
  return PARSERS[canonicalFormat(format)](raw, options);
}

/** A column may have a label spelled like "N/A"; then that text is the label, not "Not found". */
function isLabelNamed(format: OutputFormat, raw: unknown, options: ParseOptions): boolean {
  const canonical = canonicalFormat(format);
  if (canonical !== 'select' && canonical !== 'multiselect') return false;
  return typeof raw === 'string' && findLabel(raw, options.labels ?? []) !== undefined;
}
