import type { Column } from '../domain/records.ts';
import { AppError } from '../domain/errors.ts';
import type { TableKind } from '../domain/table-kinds.ts';

/** Everything an executor may know about the cell it computes. */
export interface CellContext {
  table: { id: string; kind: TableKind; workspaceId: string; name: string };
  row: { id: string; parentRowId: string | null; companyProfileId: string | null };
  column: Column;
  /**
   * Answers of the cells this one depends on (prompt references, extra dependencies, baseline
   * context), by column key: raw values for inputs, `value.answer` for computed cells.
   */
  inputs: Record<string, unknown>;
  /** Full values of the computed dependency cells (answer, sources, explanation), by key. */
  dependencyValues: Record<string, unknown>;
  /** The parent row's answers by key (child tables only). */
  parentInputs: Record<string, unknown> | null;
  /**
   * Every input cell of the row by key (what the user gave), whether or not the column depends
   * on it: context an agent may weigh without waiting on it (the company profile uses a row's
   * city or industry to tell apart companies that share a name). Input cells never wait.
   */
  rowInputs?: Record<string, unknown>;
  /** Claims of this cell so far, this one included. */
  attempt: number;
  /** mode "all": ask providers for fresh answers. */
  bypassCache: boolean;
  runId: string | null;
  /** Aborted when the lease is lost or the worker stops hard: stop work, the result is discarded. */
  signal: AbortSignal;
}

/** What a computed cell stores: `{answer, source, explanation}` plus whatever else the agent records. */
export interface CellValue {
  answer: unknown;
  source: string[];
  explanation: string;
  [extra: string]: unknown;
}

export interface CellResult {
  value: CellValue;
  /** For company profile cells: link the row to this profile. */
  companyProfileId?: string;
}

/** Computes one kind of cell. Throws PermanentCellError to fail now, a retryable error to retry. */
export interface CellExecutor {
  execute(context: CellContext): Promise<CellResult>;
}

/**
 * A failure retrying cannot fix (bad config, no provider configured, an answer that does not
 * fit the format after a repair attempt): the cell fails at once with this message.
 */
export class PermanentCellError extends AppError {
  /**
   * What the cell spent before it failed (`usage`, `model`, as a done cell's value records them),
   * so the failed cell keeps it and its run, caps and usage reports count those calls.
   */
  readonly spent: SpentRecord | undefined;

  constructor(message: string, options: { cause?: unknown; code?: string; spent?: SpentRecord } = {}) {
    super(options.code ?? 'cell_failed', 422, message, { cause: options.cause, isRetryable: false });
    this.name = 'PermanentCellError';
    this.spent = options.spent;
  }
}

/** The usage fields of a cell value (`usage` with calls and tokens, the `model` that answered). */
export interface SpentRecord {
  usage: Record<string, unknown>;
  model?: string | null;
  provider?: string | null;
}

/**
 * The value a failed cell stores when it spent something before failing: the contract's shape
 * with no answer, and the usage where a done cell keeps it. Null when nothing was spent.
 */
export function failedCellValue(spent: SpentRecord | undefined): CellValue | null {
  return spent ? { answer: null, source: [], explanation: '', ...spent } : null;
}

/** Picks the executor for a column; undefined when nothing can compute that kind of cell. */
export interface ExecutorRegistry {
  executorFor(column: Column, tableKind: TableKind): CellExecutor | undefined;
}
