import type { Row, RowInput } from './api-types.ts';
import type { RowEndpoints } from './row-endpoints.ts';

/** Progress after each stored batch. */
export interface BatchProgress {
  /** Rows stored so far. */
  createdCount: number;
  /** The rows the last batch created, as the server answered them. */
  batch: Row[];
}

export interface AddRowsInBatchesOptions {
  /** Rows per request, at most the server's 1,000; default 1,000. */
  batchSize?: number;
  /** Start a run over each batch as it is stored; default false. */
  run?: boolean;
  onProgress?: (progress: BatchProgress) => void;
  /** Stops before the next batch. */
  signal?: AbortSignal;
}

/** What a bulk insert did. Like a migration result, it reports a failure instead of throwing halfway. */
export interface AddRowsResult {
  /** Rows stored before the end (all of them when `error` is undefined). */
  createdCount: number;
  /** Ids of the stored rows, in input order. */
  rowIds: string[];
  /** Why the insert stopped early; the batch that failed stored nothing (a batch is one transaction). */
  error?: Error;
}

const DEFAULT_BATCH_SIZE = 1_000;

/**
 * Insert any number of rows, `batchSize` per request. The source may be an array or an async
 * iterable (a file being read), so rows never need to be in memory all at once.
 */
export async function addRowsInBatches(
  rows: Pick<RowEndpoints, 'create'>,
  tableId: string,
  source: Iterable<RowInput> | AsyncIterable<RowInput>,
  options: AddRowsInBatchesOptions = {},
): Promise<AddRowsResult> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const rowIds: string[] = [];
  const send = async (batch: RowInput[]) => {
    options.signal?.throwIfAborted();
    const created = await rows.create(tableId, { rows: batch, run: options.run ?? false });
    for (const row of created) rowIds.push(row.id);
    options.onProgress?.({ createdCount: rowIds.length, batch: created });
  };
  try {
    let batch: RowInput[] = [];
    for await (const row of source) {
      batch.push(row);
      if (batch.length === batchSize) {
        await send(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await send(batch);
    return { createdCount: rowIds.length, rowIds };
  } catch (error) {
    return { createdCount: rowIds.length, rowIds, error: error instanceof Error ? error : new Error(String(error), { cause: error }) };
  }
}
