import { uniqueKeyFromName } from '../domain/column-key-from-name.ts';
import type { Column } from '../sdk/index.ts';
import { CliUsageError } from './cli-errors.ts';

/** What becomes of file columns that match no input column of the table. */
export type UnmappedPolicy = 'refuse' | 'create' | 'ignore';

/** An input column to add before the rows are sent (`--create-columns`). */
export interface NewInputColumn {
  header: string;
  name: string;
  key: string;
}

/** Decides which input column each header (or JSON key) of an import file fills. */
export interface ColumnMapper {
  /**
   * Resolve every header of the file at once, before any row is sent. Headers that match
   * nothing are refused all together (one message listing each), left out, or planned as new
   * input columns, as the policy says.
   */
  checkHeaders(headers: string[]): void;
  /** The input column key for a header, or null to leave it out. Throws CliUsageError for a header nothing matches. */
  keyFor(header: string): string | null;
  /** Input columns to create for unmatched headers (`--create-columns`), in file order. */
  readonly newColumns: NewInputColumn[];
  /** Headers that were left out and why, for the summary. */
  readonly skipped: Map<string, string>;
}

/**
 * Build the mapping. In order: `--map header=key` (`header=` leaves a header out), a header equal
 * to an input column's key, then to its name (ignoring case). Headers naming a computed column are
 * left out: an export of a table lists its computed columns, and re-importing it should just work.
 * A file with a single column fills a table with a single input column whatever its header says.
 */
export function createColumnMapper(columns: Column[], mappings: string[], policy: UnmappedPolicy = 'refuse'): ColumnMapper {
  const inputColumns = columns.filter((column) => column.config.kind === 'input');
  const inputKeys = new Set(inputColumns.map((column) => column.config.key));
  const describeInputs = inputColumns.map((column) => `${column.config.key} (${column.config.name})`).join(', ');
  const explicit = parseMappings(mappings, inputKeys, describeInputs);
  const skipped = new Map<string, string>();
  const newColumns: NewInputColumn[] = [];
  const resolved = new Map<string, string | null>();
  const takenKeys = new Set(columns.map((column) => column.config.key));

  /** The key a header maps to, null when it is left out on purpose, undefined when nothing matches. */
  const match = (header: string): string | null | undefined => {
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
    return undefined;
  };

  const settle = (header: string): string | null => {
    const key = match(header);
    if (key !== undefined) return key;
    if (policy === 'ignore') {
      skipped.set(header, 'matches no input column (--ignore-unmapped)');
      return null;
    }
    if (policy === 'create') {
      const name = header.trim() === '' ? `Column ${newColumns.length + 1}` : header.trim();
      const created = { header, name, key: uniqueKeyFromName(name, takenKeys) };
      takenKeys.add(created.key);
      newColumns.push(created);
      return created.key;
    }
    throw unmappedError([header], describeInputs);
  };

  const keyFor = (header: string): string | null => {
    if (!resolved.has(header)) resolved.set(header, settle(header));
    return resolved.get(header)!;
  };

  return {
    skipped,
    newColumns,
    keyFor,
    checkHeaders(headers) {
      const isSingleToSingle = headers.length === 1 && inputColumns.length === 1 && !explicit.has(headers[0]!);
      if (isSingleToSingle && !inputKeys.has(headers[0]!)) resolved.set(headers[0]!, inputColumns[0]!.config.key);
      if (policy === 'refuse') {
        const unmatched = headers.filter((header) => !resolved.has(header) && match(header) === undefined);
        if (unmatched.length > 0) throw unmappedError(unmatched, describeInputs);
      }
      const targets = headers.map(keyFor).filter((key) => key !== null);
      const duplicate = targets.find((key, index) => targets.indexOf(key) !== index);
      if (duplicate) throw new CliUsageError(`two columns of the file map to the input column "${duplicate}"; leave one out with --map '<header>='`);
    },
  };
}

/** One message for every header nothing matches, with the three ways out. */
function unmappedError(headers: string[], describeInputs: string): CliUsageError {
  const quoted = headers.map((header) => `"${header}"`).join(', ');
  const subject = headers.length === 1 ? `the file's column ${quoted} matches` : `${headers.length} columns of the file match`;
  const list = headers.length === 1 ? '' : `: ${quoted}`;
  const first = headers[0]!;
  const them = headers.length === 1 ? 'it' : 'them';
  return new CliUsageError(
    `${subject} no input column of the table${list} (input columns: ${describeInputs || 'none'}). Re-run with:\n` +
      `  --create-columns     to add ${them} to the table as input columns\n` +
      `  --ignore-unmapped    to leave ${them} out\n` +
      `  --map '${first}=<key>'  to fill an input column from ${headers.length === 1 ? 'it' : 'one'} (--map '${first}=' leaves it out)`,
    { unmapped_columns: headers, input_columns: describeInputs },
  );
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
