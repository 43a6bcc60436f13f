import type { TableCell } from '../sdk/index.ts';

/**
 * What a cell says, unwrapped: an input cell holds the raw value the user gave; a computed cell
 * holds `{answer, source, explanation}` and its answer is what a spreadsheet column should show.
 */
export function cellAnswer(cell: TableCell | undefined, isInput: boolean): unknown {
  const value = cell?.value;
  if (value === null || value === undefined) return null;
  if (!isInput && typeof value === 'object' && !Array.isArray(value) && 'answer' in value) return (value as { answer: unknown }).answer;
  return value;
}

/**
 * An answer as one line of text for CSV: money as `9810000000 USD` (`/year` when it recurs),
 * lists joined with "; ", other objects as compact JSON, nothing as the empty string.
 */
export function answerText(answer: unknown): string {
  if (answer === null || answer === undefined) return '';
  if (typeof answer === 'string') return answer;
  if (typeof answer === 'number' || typeof answer === 'boolean') return String(answer);
  if (Array.isArray(answer)) return answer.map(answerText).join('; ');
  if (isMoney(answer)) return `${answer.amount} ${answer.currency}${answer.period ? `/${answer.period}` : ''}`;
  return JSON.stringify(answer);
}

function isMoney(value: object): value is { amount: number; currency: string; period?: string | null } {
  const money = value as { amount?: unknown; currency?: unknown };
  return typeof money.amount === 'number' && typeof money.currency === 'string';
}
