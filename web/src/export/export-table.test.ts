import { describe, expect, it } from 'vitest';
import type { Column, TableData, TableDataRow } from '../api/api-types.ts';
import type { FathomApi } from '../api/fathom-api.ts';
import { exportTable } from './export-table.ts';

const COLUMNS = [
  { id: 'c1', created_at: '', config: { kind: 'input', name: 'Company', key: 'input' } },
  { id: 'c2', created_at: '', config: { kind: 'agent', name: 'Revenue', key: 'revenue', value: { agent_type: 'llm', prompt: 'p', output_format: 'money' } } },
  {
    id: 'c3',
    created_at: '',
    config: {
      kind: 'agent',
      name: 'Facts',
      key: 'facts',
      value: { agent_type: 'llm', prompt: 'p', output_format: 'json', output_schema: { type: 'object', properties: { city: {}, tags: {} } } },
    },
  },
  {
    id: 'c4',
    created_at: '',
    config: { kind: 'agent', name: 'Tags', key: 'tags', value: { agent_type: 'llm', prompt: 'p', output_format: 'multiselect', labels: ['a', 'b'] } },
  },
] as unknown as Column[];

function done(answer: unknown, extra: Record<string, unknown> = {}) {
  return { value: { answer, source: ['https://example.com/a'], explanation: 'because', ...extra }, status: 'done' as const, updated_at: null };
}

function rowAt(index: number): TableDataRow {
  const isMissing = index % 2 === 1;
  return {
    id: `row-${index}`,
    created_at: '',
    parent_row_id: null,
    company_profile_id: null,
    metadata: null,
    parent_data: null,
    is_missing_inputs: false,
    data: {
      input: { value: index === 0 ? 'Acme, "the" Inc.' : `company ${index}`, status: 'done', updated_at: null },
      revenue: isMissing ? done('Not found') : done({ amount: 1_500_000, currency: 'EUR', period: 'year' }),
      facts: isMissing ? { value: null, status: 'failed', updated_at: null, error: 'boom' } : done({ city: 'Dublin', tags: ['x', 'y'] }),
      tags: done(['a', 'b']),
    },
  };
}

/** A fake API over `total` rows that records the pages asked for. */
function fakeApi(total: number) {
  const pages: [number, number][] = [];
  const api = {
    getTableData: async (_tableId: string, offset: number, limit: number) => {
      pages.push([offset, limit]);
      const rows = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, index) => rowAt(offset + index));
      return { columns: COLUMNS, status: { num_rows: total }, rows } as unknown as TableData;
    },
  } as unknown as FathomApi;
  return { api, pages };
}

const options = (progress: number[] = []) => ({
  includeDetails: false,
  guardFormulas: true,
  signal: new AbortController().signal,
  onProgress: (exported: number) => progress.push(exported),
});

describe('exportTable', () => {
  it('writes CSV with one column per field, answers as readable text, page by page', async () => {
    const { api, pages } = fakeApi(2_500);
    const progress: number[] = [];
    const result = await exportTable(api, 't', 'csv', options(progress));
    const lines = (await result.file.text()).split('\r\n');
    expect(lines[0]).toBe('row_id,input,revenue.amount,revenue.currency,revenue.period,facts.city,facts.tags,tags');
    expect(lines[1]).toBe('row-0,"Acme, ""the"" Inc.",1500000,EUR,year,Dublin,x; y,a; b');
    expect(lines[2]).toBe('row-1,company 1,Not found,,,,,a; b');
    expect(result.rowCount).toBe(2_500);
    expect(pages).toEqual([
      [0, 1000],
      [1000, 1000],
      [2000, 1000],
    ]);
    expect(progress).toEqual([1000, 2000, 2500]);
  });

  it('writes JSON as one array of flat records', async () => {
    const { api } = fakeApi(1_001);
    const records = JSON.parse(await (await exportTable(api, 't', 'json', options())).file.text()) as Record<string, unknown>[];
    expect(records).toHaveLength(1_001);
    expect(records[0]).toEqual({
      row_id: 'row-0',
      input: 'Acme, "the" Inc.',
      'revenue.amount': 1_500_000,
      'revenue.currency': 'EUR',
      'revenue.period': 'year',
      'facts.city': 'Dublin',
      'facts.tags': 'x; y',
      tags: 'a; b',
    });
  });

  it('adds explanations and sources when asked', async () => {
    const { api } = fakeApi(1);
    const text = await (await exportTable(api, 't', 'csv', { ...options(), includeDetails: true })).file.text();
    expect(text.split('\r\n')[0]).toContain('revenue.explanation,revenue.sources');
    expect(text.split('\r\n')[1]).toContain('because,https://example.com/a');
  });
});
