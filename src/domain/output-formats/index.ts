/**
 * Output formats: the contract between research agents and table cells. Parsers turn a model's
 * raw answer into the stored value or a reason; the schema and instructions tell the model what
 * shape to answer in.
 */
export { structuredOutputSchema, type JsonSchema } from './answer-schema.ts';
export { formatInstructions } from './format-instructions.ts';
export {
  CANONICAL_OUTPUT_FORMATS,
  LEGACY_FORMAT_ALIASES,
  OUTPUT_FORMATS,
  canonicalFormat,
  formatNeedsLabels,
  formatNeedsSchema,
  isOutputFormat,
  type CanonicalOutputFormat,
  type OutputFormat,
} from './format-names.ts';
export { assertFormatOptions, findFormatOptionsProblem } from './format-options.ts';
export { findSchemaPatternProblem, type SchemaPatternProblem } from './linear-time-regexp.ts';
export { MONEY_PERIODS } from './money-period.ts';
export { isNotFoundAnswer } from './not-found.ts';
export { parseAnswer } from './parse-answer.ts';
export {
  NOT_FOUND,
  type Answer,
  type JsonValue,
  type MoneyAnswer,
  type MoneyPeriod,
  type ParseOptions,
  type ParseResult,
  type PersonAnswer,
} from './parse-result.ts';
