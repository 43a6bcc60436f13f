import type { FathomClient, RowInput } from '../sdk/index.ts';
import { createColumnMapper, type NewInputColumn, type UnmappedPolicy } from './column-mapping.ts';
import { digestFile } from './file-digest.ts';
import { readColumnNames, readFileRecords, type FileFormat } from './file-records.ts';

export interface ImportOptions {
  tableId: string;
  path: string;
  format: FileFormat;
  /** `header=key` mappings from --map. */
  mappings: string[];
  /** File columns that match no input column: refused (default), added as input columns, or left out. */
  unmapped?: UnmappedPolicy;
  batchSize: number;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportProgress {
  /** Records read so far (imported, already there, or empty). */
  processed: number;
  /** Records the file probably holds (from its line count), never below `processed`. */
  estimatedTotal: number;
}

/** What an import did; `error` is set when it stopped early (re-running resumes it). */
export interface ImportSummary {
  table_id: string;
  file: string;
  format: FileFormat;
  /** Names the file's content in row metadata: `{"import": {"file": digest, "line": n}}`. */
  digest: string;
  records: number;
  imported: number;
  /** Records an earlier import of the same file already stored. */
  already_imported: number;
  /** Records with no value in any mapped column. */
  empty: number;
  /** File columns left out, and why. */
  skipped_columns: Record<string, string>;
  /** Input columns added for file columns that matched none (--create-columns). */
  created_columns: NewInputColumn[];
  seconds: number;
  rows_per_second: number;
  error?: Error;
}

/** Row metadata that marks where a row came from, so a re-run can tell what is already stored. */
export interface ImportMarker {
  file: string;
  line: number;
}

/**
 * Import a file into a table, resumably. Every row carries an import marker (file digest + line)
 * in its metadata; on start, the table's rows are paged through once to collect the markers
 * already there, and those lines are skipped. Each batch is one server transaction, so a batch
 * is either wholly stored (and skipped next time) or not at all: re-running never duplicates.
 */
export async function importFile(client: FathomClient, options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const { digest, lineBreaks, endsWithLineBreak } = await digestFile(options.path);
  const table = await client.tables.get(options.tableId);
  const mapper = createColumnMapper(table.columns, options.mappings, options.unmapped);
  const hasHeader = options.format === 'csv' || options.format === 'tsv';
  mapper.checkHeaders(await readColumnNames(options.path, options.format));
  if (mapper.newColumns.length > 0) {
    await client.columns.add(options.tableId, {
      column_configs: mapper.newColumns.map((column) => ({ kind: 'input' as const, name: column.name, key: column.key })),
    });
  }
  const firstInputKey = table.columns.find((column) => column.config.kind === 'input')?.config.key;
  const alreadyThere = table.status.num_rows > 0 ? await importedLines(client, options.tableId, digest, firstInputKey) : new Set<number>();

  const estimate = lineBreaks + (endsWithLineBreak ? 0 : 1) - (hasHeader ? 1 : 0);
  const counts = { records: 0, alreadyImported: 0, empty: 0 };
  const report = () => options.onProgress?.({ processed: counts.records, estimatedTotal: Math.max(estimate, counts.records) });

  async function* rowsToSend(): AsyncGenerator<RowInput> {
    for await (const record of readFileRecords(options.path, options.format)) {
      counts.records++;
      if (alreadyThere.has(record.line)) {
        counts.alreadyImported++;
        if (counts.alreadyImported % 1_000 === 0) report();
        continue;
      }
      const data: Record<string, unknown> = {};
      for (const [header, value] of Object.entries(record.values)) {
        const key = mapper.keyFor(header);
        if (key !== null && value !== undefined) data[key] = value;
      }
      if (Object.keys(data).length === 0) {
        counts.empty++;
        continue;
      }
      const marker: ImportMarker = { file: digest, line: record.line };
      yield { data, metadata: { import: marker } };
    }
  }

  const result = await client.addRowsInBatches(options.tableId, rowsToSend(), { batchSize: options.batchSize, onProgress: report });
  report();
  const seconds = (performance.now() - started) / 1000;
  return {
    table_id: options.tableId,
    file: options.path,
    format: options.format,
    digest,
    records: counts.records,
    imported: result.createdCount,
    already_imported: counts.alreadyImported,
    empty: counts.empty,
    skipped_columns: Object.fromEntries(mapper.skipped),
    created_columns: mapper.newColumns,
    seconds: Math.round(seconds * 1000) / 1000,
    rows_per_second: Math.round(result.createdCount / Math.max(seconds, 0.001)),
    ...(result.error ? { error: result.error } : {}),
  };
}

/** Lines of this file (by digest) that rows of the table already came from. */
async function importedLines(client: FathomClient, tableId: string, digest: string, projectionKey: string | undefined): Promise<Set<number>> {
  const lines = new Set<number>();
  // One small column is enough: only the metadata is needed, and it comes with every row.
  const columns = projectionKey === undefined ? undefined : [projectionKey];
  for await (const row of client.iterateRows(tableId, { pageSize: 1_000, columns })) {
    const marker = (row.metadata as { import?: Partial<ImportMarker> } | null)?.import;
    if (marker?.file === digest && typeof marker.line === 'number') lines.add(marker.line);
  }
  return lines;
}
