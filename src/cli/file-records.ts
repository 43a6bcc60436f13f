import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { CliUsageError } from './cli-errors.ts';
import { createCsvParser } from './csv-parser.ts';
import { fileErrorReason, fileReadError } from './file-errors.ts';

export const FILE_FORMATS = ['csv', 'tsv', 'ndjson', 'json'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

/** One record of an input file: values by header (CSV) or by key (JSON), and where it starts. */
export interface FileRecord {
  values: Record<string, unknown>;
  /** 1-based line of the file the record starts on; for a JSON array, the element's 1-based position. */
  line: number;
}

const FORMAT_BY_EXTENSION: Record<string, FileFormat> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.json': 'json',
};

/** The format named by --format, else the one the file extension says. */
export function detectFormat(path: string, explicit: string | undefined): FileFormat {
  if (explicit !== undefined) {
    if ((FILE_FORMATS as readonly string[]).includes(explicit)) return explicit as FileFormat;
    throw new CliUsageError(`--format must be one of ${FILE_FORMATS.join(', ')} (got "${explicit}")`);
  }
  const format = FORMAT_BY_EXTENSION[extname(path).toLowerCase()];
  if (!format) throw new CliUsageError(`cannot tell the format of ${path} from its extension; pass --format ${FILE_FORMATS.join('|')}`);
  return format;
}

/** The records of a file, read as a stream (except a JSON array, which is parsed whole). */
export async function* readFileRecords(path: string, format: FileFormat): AsyncGenerator<FileRecord> {
  switch (format) {
    case 'csv':
    case 'tsv':
      yield* readDelimited(path, format === 'csv' ? ',' : '\t');
      return;
    case 'ndjson':
      yield* readNdjson(path);
      return;
    case 'json':
      yield* readJsonArray(path);
      return;
  }
}

/**
 * The columns a file holds, in order of first appearance, so the mapping is settled before
 * anything is sent: the header row of a CSV/TSV, every key of a JSON or NDJSON file (read once
 * to the end for that).
 */
export async function readColumnNames(path: string, format: FileFormat): Promise<string[]> {
  if (format === 'csv' || format === 'tsv') return readHeaders(path, format);
  const names = new Set<string>();
  for await (const record of readFileRecords(path, format)) for (const name of Object.keys(record.values)) names.add(name);
  return [...names];
}

/** The header row of a CSV/TSV file (for mapping before anything is sent). */
export async function readHeaders(path: string, format: 'csv' | 'tsv'): Promise<string[]> {
  for await (const { fields } of readDelimitedRows(path, format === 'csv' ? ',' : '\t')) return fields.map((field) => field.trim());
  throw new CliUsageError(`${path} is empty: expected a header row`);
}

async function* readDelimitedRows(path: string, delimiter: ',' | '\t') {
  const parser = createCsvParser(delimiter);
  try {
    for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 })) yield* parser.push(chunk as string);
    yield* parser.end();
  } catch (error) {
    throw fileReadError(path, error);
  }
}

async function* readDelimited(path: string, delimiter: ',' | '\t'): AsyncGenerator<FileRecord> {
  let headers: string[] | undefined;
  for await (const { fields, line } of readDelimitedRows(path, delimiter)) {
    if (!headers) {
      headers = fields.map((field) => field.trim());
      continue;
    }
    if (fields.length > headers.length) {
      throw new CliUsageError(`${path} line ${line}: ${fields.length} fields but the header has ${headers.length}`);
    }
    const values: Record<string, unknown> = {};
    // An empty field is a missing value, not an empty string: the cell stays empty on the server.
    fields.forEach((field, index) => {
      if (field !== '') values[headers![index]!] = field;
    });
    yield { values, line };
  }
}

async function* readNdjson(path: string): AsyncGenerator<FileRecord> {
  let pending = '';
  let line = 0;
  const parseLine = (text: string): FileRecord | undefined => {
    line++;
    if (text.trim() === '') return undefined;
    return { values: asObject(parseJsonLine(text, path, line), `${path} line ${line}`), line };
  };
  try {
    for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 })) {
      const lines = (pending + (chunk as string)).split('\n');
      pending = lines.pop()!;
      for (const text of lines) {
        const record = parseLine(text);
        if (record) yield record;
      }
    }
  } catch (error) {
    if (error instanceof CliUsageError) throw error;
    throw fileReadError(path, error);
  }
  const last = parseLine(pending);
  if (last) yield last;
}

async function* readJsonArray(path: string): AsyncGenerator<FileRecord> {
  let document: unknown;
  try {
    document = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    if (fileErrorReason(error)) throw fileReadError(path, error);
    throw new CliUsageError(`cannot read ${path} as JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(document)) throw new CliUsageError(`${path} must hold a JSON array of objects (one per row)`);
  for (const [index, item] of document.entries()) yield { values: asObject(item, `${path} element ${index + 1}`), line: index + 1 };
}

function parseJsonLine(text: string, path: string, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliUsageError(`${path} line ${line} is not JSON: ${(error as Error).message}`);
  }
}

function asObject(value: unknown, where: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new CliUsageError(`${where}: expected a JSON object (column → value)`);
  return value as Record<string, unknown>;
}
