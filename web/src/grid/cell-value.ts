import type { CellData } from '../api/api-types.ts';

/** A source an answer rests on, with the passage quoted from it when the agent kept one. */
export interface SourceReference {
  url: string;
  quote?: string;
}

/** Everything a computed cell's `value` may carry (contract §4 plus Fathom's extras). */
export interface CellValueParts {
  answer: unknown;
  explanation: string | null;
  sources: SourceReference[];
  asOf: string | null;
  /** Token counts and cost as the engine recorded them, shown as given. */
  usage: Record<string, unknown> | null;
  cost: number | null;
  model: string | null;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function asString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/**
 * Split a cell's value into its parts. Input cells hold the raw value; computed cells hold
 * `{answer, source, explanation, …}`. `sources` is accepted as an alias of `source` (contract §7),
 * and `excerpts: [{url, quote}]` attach quotes to their sources.
 */
export function readCellValue(cell: CellData | undefined, isInput: boolean): CellValueParts {
  const empty: CellValueParts = { answer: null, explanation: null, sources: [], asOf: null, usage: null, cost: null, model: null };
  if (!cell || cell.value === null || cell.value === undefined) return empty;
  const value = asRecord(cell.value);
  if (isInput || !value || !('answer' in value)) return { ...empty, answer: cell.value };
  const sources = new Map<string, SourceReference>();
  for (const list of [value.source, value.sources]) {
    if (Array.isArray(list)) for (const url of list) if (typeof url === 'string' && !sources.has(url)) sources.set(url, { url });
  }
  if (Array.isArray(value.excerpts)) {
    for (const excerpt of value.excerpts) {
      const record = asRecord(excerpt);
      const url = asString(record?.url);
      const quote = asString(record?.quote);
      if (!url) continue;
      const existing = sources.get(url);
      // Several quotes from one page each get their own entry, so none is lost.
      if (existing && existing.quote === undefined) existing.quote = quote ?? undefined;
      else sources.set(existing ? `${url}#${sources.size}` : url, { url, quote: quote ?? undefined });
    }
  }
  const usage = asRecord(value.usage);
  const answerRecord = asRecord(value.answer);
  const costValue = value.cost ?? usage?.cost ?? usage?.cost_usd;
  return {
    answer: value.answer,
    explanation: asString(value.explanation),
    sources: [...sources.values()],
    asOf: asString(value.as_of) ?? asString(answerRecord?.as_of),
    usage,
    cost: typeof costValue === 'number' ? costValue : null,
    model: asString(value.model) ?? asString(usage?.model),
  };
}

/** The statuses as a user reads them (contract §1.4). */
export const STATUS_LABELS: Record<CellData['status'], string> = {
  created: 'Not run',
  requested: 'Queued',
  in_progress: 'Running',
  done: 'Done',
  failed: 'Failed',
};
