import type { Column } from '../sdk/index.ts';
import { CliUsageError } from './cli-errors.ts';

/** Decides which input column each header (or JSON key) of an import file fills. */
export interface ColumnMapper {
  /** The input column key for a header, or null to leave it out. Throws CliUsageError for a header nothing matches. */
  keyFor(header: string): string | null;
  /** Check all headers at once (CSV/TSV), so a bad file fails before any row is sent. */
  checkHeaders(headers: string[]): void;
  /** Headers that were left out and why, for the summary. */
  readonly skipped: Map<string, string>;
}

/**
 * Build the mapping. In order: `--map header=key` (`header=` leaves a header out), a header equal
 * to an input column's key, then to its name (ignoring case). Headers naming a computed column are
 * left out: an export of a table lists its computed columns, and re-importing it should just work.
 * A file with a single column fills a table with a single input column whatever its header says.
 */
export function createColumnMapper(columns: Column[], mappings: string[]): ColumnMapper {
  const inputColumns = columns.filter((column) => column.config.kind === 'input');
  const inputKeys = new Set(inputColumns.map((column) => column.config.key));
  const describeInputs = inputColumns.map((column) => `${column.config.key} (${column.config.name})`).join(', ');
  const explicit = parseMappings(mappings, inputKeys, describeInputs);
  const skipped = new Map<string, string>();
  const resolved = new Map<string, string | null>();

  const resolve = (header: string): string | null => {
    if (explicit.has(header)) {
      const key = explicit.get(header)!;
      if (key === null) skipped.set(header, 'left out by --map');
      return key;
    }
    if (inputKeys.has(header)) return header;
    const byName = inputColumns.find((column) => column.config.name.toLowerCase() === header.trim().toLowerCase());
    if (byName) return byName.config.key;
    const computed = columns.find((column) => column.config.kind !== 'input' && (column.config.key === header || column.config.name === header));
    if (computed) {
      skipped.set(header, `computed column (${computed.config.kind})`);
      return null;
    }
    throw new CliUsageError(
      `the file's column "${header}" matches no input column of the table (input columns: ${describeInputs}); ` +
        `map it with --map '${header}=<key>' or leave it out with --map '${header}='`,
      { header, input_columns: [...inputKeys] },
    );
  };

  const keyFor = (header: string): string | null => {
    if (!resolved.has(header)) resolved.set(header, resolve(header));
    return resolved.get(header)!;
  };

  return {
    skipped,
    keyFor,
    checkHeaders(headers) {
      const isSingleToSingle = headers.length === 1 && inputColumns.length === 1 && !explicit.has(headers[0]!);
      if (isSingleToSingle && !inputKeys.has(headers[0]!)) resolved.set(headers[0]!, inputColumns[0]!.config.key);
      const targets = headers.map(keyFor).filter((key) => key !== null);
      const duplicate = targets.find((key, index) => targets.indexOf(key) !== index);
      if (duplicate) throw new CliUsageError(`two columns of the file map to the input column "${duplicate}"; leave one out with --map '<header>='`);
    },
  };
}

/** `--map "Company Domain=input"` → Map { "Company Domain" → "input" }; `--map "Notes="` → null. */
function parseMappings(mappings: string[], inputKeys: Set<string>, describeInputs: string): Map<string, string | null> {
  const parsed = new Map<string, string | null>();
  for (const mapping of mappings) {
    const separator = mapping.lastIndexOf('=');
    if (separator <= 0) throw new CliUsageError(`--map expects header=key (got "${mapping}")`);
    const header = mapping.slice(0, separator).trim();
    const key = mapping.slice(separator + 1).trim();
    if (key !== '' && !inputKeys.has(key))
      throw new CliUsageError(`--map ${mapping}: "${key}" is not an input column of the table (input columns: ${describeInputs})`);
    parsed.set(header, key === '' ? null : key);
  }
  return parsed;
}
