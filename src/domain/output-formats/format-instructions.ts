/**
 * The sentence a research prompt includes to say what shape the answer must take. It restates the
 * structured-output schema in words, for providers without structured output and because models
 * follow prose about units and precision better than they infer it from a schema.
 */
import { assertFormatOptions } from './format-options.ts';
import { canonicalFormat, type CanonicalOutputFormat, type OutputFormat } from './format-names.ts';
import { MONEY_PERIODS } from './money-period.ts';
import type { ParseOptions } from './parse-result.ts';

const NOT_FOUND_RULE = 'If the evidence does not support an answer, answer exactly "Not found" instead of guessing.';

/**
 * Returns the answer-shape instruction for a column, ending with the "Not found" rule.
 * Throws an `AppError` (`invalid_output_format_options`) when required labels or schema are missing.
 */
export function formatInstructions(format: OutputFormat, options: ParseOptions = {}): string {
  assertFormatOptions(format, options);
  return `${shapeInstruction(canonicalFormat(format), options)} ${NOT_FOUND_RULE}`;
}

function shapeInstruction(format: CanonicalOutputFormat, options: ParseOptions): string {
  const labels = (options.labels ?? []).map((label) => JSON.stringify(label)).join(', ');
  switch (format) {
    case 'text':
      return 'Answer in plain text: a short, direct answer of a sentence or a few bullet points.';
    case 'url':
      return 'Answer with exactly one absolute URL starting with https:// or http://, for example https://example.com/pricing.';
    case 'email':
      return 'Answer with exactly one email address, for example jane@example.com.';
    case 'phone':
      return 'Answer with exactly one phone number in international format including the country code, for example +1 415 555 2671.';
    case 'select':
      return `Answer with exactly one of these labels, spelled as given: ${labels}.`;
    case 'multiselect':
      return `Answer with a list of every label that applies, chosen only from: ${labels}. Answer an empty list if the evidence shows that none apply.`;
    case 'numeric':
      return 'Answer with one number such as 1200000 or 12.5, without ranges, units or currency symbols; write a percentage as its number (12 for 12%).';
    case 'money':
      return (
        'Answer with an object {"amount", "currency", "period"}: amount as a number in whole units ' +
        '(9810000000 for $9.81 billion, not 9.81), currency as an ISO 4217 code such as USD, EUR or GBP, ' +
        `and period as one of ${MONEY_PERIODS.join(', ')} when the amount recurs, otherwise null.`
      );
    case 'date':
      return 'Answer with a date in ISO form: YYYY-MM-DD, or YYYY-MM or YYYY when the source states only the month or the year. Never fill in a month or day the source does not state.';
    case 'grade':
      return 'Answer with a grade as a whole number from 1 (lowest) to 5 (highest), and justify it in the explanation.';
    case 'json':
      return `Answer with a JSON value that matches this JSON Schema: ${JSON.stringify(options.outputSchema)}`;
    case 'people':
      return (
        'Answer with a list of people, each an object {"full_name", "role", "profile_url"}: ' +
        'the full name as written by the source, the job title, and an absolute profile URL; use null for a role or URL you did not find.'
      );
  }
}
