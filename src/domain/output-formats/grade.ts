/**
 * The `grade` format: a whole number from 1 to 5 (the explanation travels beside it in the cell).
 */
import { describeType, describeValue } from './describe-value.ts';
import { accepted, rejected, type ParseResult } from './parse-result.ts';

const SCALE = 'a whole number from 1 to 5';

const GRADE_WORDS: ReadonlyMap<string, number> = new Map([
  ['one', 1],
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
]);

const LABEL_PREFIX = /^(?:grade|score|rating)\s*[:=]?\s*/i;
const FRACTION_PATTERN = /^(\d+(?:\.\d+)?)(?:\s*(?:\/|out of)\s*(\d+))?$/i;

/**
 * Parses a grade: 4, 4.0, "4", "4/5", "4 out of 5", "Grade: 4" or "four". Half grades, other
 * scales ("8/10") and the legacy Yes/Likely/No grades are refused, since converting them would
 * put words in the grader's mouth.
 */
export function parseGradeAnswer(raw: unknown): ParseResult {
  if (typeof raw === 'number') return checkGrade(describeValue(raw), raw);
  if (typeof raw !== 'string') {
    return rejected(`Expected a grade as ${SCALE}, got ${describeType(raw)} ${describeValue(raw)}`);
  }
  const text = raw.normalize('NFKC').trim();
  const bare = text.replace(LABEL_PREFIX, '').toLowerCase();
  const word = GRADE_WORDS.get(bare);
  if (word !== undefined) return accepted(word);
  const fraction = FRACTION_PATTERN.exec(bare);
  if (!fraction) return rejected(`'${text}' is not a grade; answer ${SCALE}, or "Not found"`);
  if (fraction[2] !== undefined && fraction[2] !== '5') {
    return rejected(`'${text}' uses a scale out of ${fraction[2]}; grade on the 1 to 5 scale instead`);
  }
  return checkGrade(`'${text}'`, Number(fraction[1]));
}

function checkGrade(written: string, grade: number): ParseResult {
  if (!Number.isInteger(grade)) return rejected(`${written} is not a whole number; the grade must be ${SCALE}`);
  if (grade < 1 || grade > 5) return rejected(`${written} is outside the scale; the grade must be ${SCALE}`);
  return accepted(grade);
}
