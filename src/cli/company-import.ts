import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { CompanyImportInput, FathomClient } from '../sdk/index.ts';
import { digestFile } from './file-digest.ts';
import { detectFormat, readFileRecords, type FileRecord } from './file-records.ts';

/** Companies per request (the server takes at most 1,000). */
export const COMPANY_IMPORT_BATCH = 500;

export interface CompanyImportSummary {
  stored: number;
  queued: number;
  /** Records skipped because an earlier, interrupted import of the same file sent them. */
  resumed_after: number;
  seconds: number;
  companies_per_second: number;
}

export interface CompanyImportOptions {
  path: string;
  format?: string;
  /** Where progress is kept between attempts; default `<file>.fathom-import.json`. */
  stateFile?: string;
  batchSize?: number;
  onProgress?(progress: { processed: number; estimatedTotal: number }): void;
}

// Header spellings that name the company's site in a CSV.
const DOMAIN_HEADERS = ['domain', 'website', 'url', 'company_website', 'site', 'input'];

/**
 * `fathom companies import FILE`: send the file's companies in batches. After each batch the
 * number of records sent is written to a state file keyed by the file's digest, so an import
 * that stops (network, Ctrl-C) resumes after the last batch the server took; the state file is
 * removed when the import completes. Sending a batch twice is harmless: profiles are keyed by domain.
 */
export async function importCompanyFile(client: FathomClient, options: CompanyImportOptions): Promise<CompanyImportSummary> {
  const started = performance.now();
  const format = detectFormat(options.path, options.format);
  const { digest, lineBreaks } = await digestFile(options.path);
  const stateFile = options.stateFile ?? `${options.path}.fathom-import.json`;
  const resumeAfter = readState(stateFile, digest);
  const batchSize = Math.min(options.batchSize ?? COMPANY_IMPORT_BATCH, 1_000);
  const source = basename(options.path);
  let processed = 0;
  let stored = 0;
  let queued = 0;
  let batch: CompanyImportInput['companies'] = [];
  const estimatedTotal = format === 'csv' || format === 'tsv' ? Math.max(0, lineBreaks - 1) : lineBreaks;
  const send = async () => {
    if (batch.length === 0) return;
    const answer = await client.companies.import({ companies: batch, source });
    for (const company of answer.companies) {
      if (company.status === 'stored') stored += 1;
      else queued += 1;
    }
    processed += batch.length;
    batch = [];
    writeFileSync(stateFile, JSON.stringify({ digest, processed }));
    options.onProgress?.({ processed, estimatedTotal });
  };
  for await (const record of readFileRecords(options.path, format)) {
    const company = toCompany(record);
    if (!company) continue;
    if (processed + batch.length < resumeAfter) {
      processed += 1;
      continue;
    }
    batch.push(company);
    if (batch.length >= batchSize) await send();
  }
  await send();
  if (existsSync(stateFile)) rmSync(stateFile);
  const seconds = (performance.now() - started) / 1000;
  const sent = processed - resumeAfter;
  return {
    stored,
    queued,
    resumed_after: resumeAfter,
    seconds: Math.round(seconds * 100) / 100,
    companies_per_second: seconds > 0 ? Math.round(sent / seconds) : sent,
  };
}

/** A record as the import endpoint takes it: `domain` from any of the usual headers, empty cells left out. */
function toCompany(record: FileRecord): CompanyImportInput['companies'][number] | null {
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record.values)) {
    if (value === '' || value === null || value === undefined) continue;
    values[key.trim().toLowerCase().replace(/\s+/g, '_')] = value;
  }
  const domainKey = DOMAIN_HEADERS.find((key) => typeof values[key] === 'string');
  if (!domainKey) return null;
  const domain = values[domainKey] as string;
  delete values[domainKey];
  if (typeof values.social_profiles === 'string') {
    try {
      values.social_profiles = JSON.parse(values.social_profiles);
    } catch {
      // A plain-text cell is sent as is and refused by the server with the record named.
    }
  }
  for (const key of ['industry_tags', 'business_types', 'target_markets']) {
    if (typeof values[key] === 'string')
      values[key] = (values[key] as string)
        .split(/[;|]/)
        .map((tag) => tag.trim())
        .filter(Boolean);
  }
  return { ...values, domain };
}

function readState(stateFile: string, digest: string): number {
  if (!existsSync(stateFile)) return 0;
  try {
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as { digest?: string; processed?: number };
    // A state file of another version of the file says nothing about this one.
    return state.digest === digest && Number.isInteger(state.processed) ? state.processed! : 0;
  } catch {
    return 0;
  }
}
