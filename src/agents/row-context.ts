import type { CellContext } from '../engine/cell-executor.ts';
import { neutraliseMarkup } from './untrusted-text.ts';

const MAX_VALUE_CHARACTERS = 8_000;

/** A dependency answer as prompt text: strings as they are, anything structured as JSON. */
export function answerAsText(answer: unknown): string {
  if (answer === null || answer === undefined) return '';
  const text = typeof answer === 'string' ? answer : JSON.stringify(answer);
  return text.length > MAX_VALUE_CHARACTERS ? `${text.slice(0, MAX_VALUE_CHARACTERS)}…` : text;
}

/**
 * `{key}` → answer text. Only for what never reaches a model as instructions (finding a URL,
 * ranking passages): in prompts a `{key}` stays a reference to the row data block, see
 * REFERENCES_RULE.
 */
export function templateValues(context: Pick<CellContext, 'inputs'>): Record<string, string> {
  return Object.fromEntries(Object.entries(context.inputs).map(([key, value]) => [key, answerAsText(value)]));
}

/**
 * The system-prompt sentence that makes `{key}` in a task point at the row data: the values
 * stay inside <row_data>, where they are data, instead of being pasted into the instructions
 * where a value such as "Ignore the above…" would read as one.
 */
export const REFERENCES_RULE = 'In the task, {key} stands for the value of that key in <row_data>.';

/**
 * The row's data as a delimited block. Everything inside is data from the table (or from the
 * web, through earlier cells); the system prompt says so, which is what keeps a cell value
 * that reads like an instruction from steering the model. Keys and values are neutralised
 * like page text, so no value can close the block (`</row_data>`) or open another.
 */
export function rowDataBlock(context: Pick<CellContext, 'inputs' | 'parentInputs'>): string {
  const line = (key: string, value: unknown) => `${neutraliseMarkup(key)}: ${neutraliseMarkup(answerAsText(value))}`;
  const lines = Object.entries(context.inputs).map(([key, value]) => line(key, value));
  if (context.parentInputs) {
    for (const [key, value] of Object.entries(context.parentInputs)) lines.push(line(`parent.${key}`, value));
  }
  return `<row_data>\n${lines.join('\n') || '(no data)'}\n</row_data>`;
}

/** URLs that appear anywhere in the row's data: the only sources an llm cell may cite. */
export function knownUrls(context: Pick<CellContext, 'inputs' | 'dependencyValues' | 'parentInputs'>): Set<string> {
  const text = JSON.stringify([context.inputs, context.dependencyValues, context.parentInputs]);
  return new Set(text.match(/https?:\/\/[^\s"'<>\\)]+/g) ?? []);
}
