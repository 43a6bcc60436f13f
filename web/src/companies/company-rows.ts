import type { CreateRowsInput } from '../api/api-types.ts';
import { MAX_ROWS_PER_REQUEST, type FathomApi } from '../api/fathom-api.ts';

/** The main input of a company table (a built-in column: every company table has it). */
export const COMPANY_INPUT_KEY = 'input';

/** A company to add as a row: its domain is the row's input; metadata says where it came from. */
export interface CompanyToAdd {
  domain: string;
  metadata?: Record<string, unknown>;
}

/**
 * The rows for companies, one per distinct domain (ticking the same company twice, or on two
 * pages, adds it once). The input is the bare domain: the table's company profile then finds the
 * workspace's profile of that domain and reuses it instead of reading the site again.
 */
export function companyRows(companies: readonly CompanyToAdd[], inputKey = COMPANY_INPUT_KEY): CreateRowsInput['rows'] {
  const seen = new Set<string>();
  const rows: CreateRowsInput['rows'] = [];
  for (const company of companies) {
    const domain = company.domain.trim().toLowerCase();
    if (domain === '' || seen.has(domain)) continue;
    seen.add(domain);
    rows.push(company.metadata ? { data: { [inputKey]: domain }, metadata: company.metadata } : { data: { [inputKey]: domain } });
  }
  return rows;
}

/** Add the companies to a company table, in requests of at most 1,000 rows; resolves to how many were added. */
export async function addCompaniesToTable(api: FathomApi, tableId: string, companies: readonly CompanyToAdd[], run: boolean): Promise<number> {
  const rows = companyRows(companies);
  for (let start = 0; start < rows.length; start += MAX_ROWS_PER_REQUEST) {
    await api.addRows(tableId, { rows: rows.slice(start, start + MAX_ROWS_PER_REQUEST), run });
  }
  return rows.length;
}
