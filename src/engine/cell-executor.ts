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
  constructor(message: string, options: { cause?: unknown; code?: string } = {}) {
    super(options.code ?? 'cell_failed', 422, message, { cause: options.cause, isRetryable: false });
    this.name = 'PermanentCellError';
  }
}

/** Picks the executor for a column; undefined when nothing can compute that kind of cell. */
export interface ExecutorRegistry {
  executorFor(column: Column, tableKind: TableKind): CellExecutor | undefined;
}
