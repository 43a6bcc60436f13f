import { describe, expect, it } from 'vitest';
import type { DeepResearchFinding } from '../../domain/deep-research/deep-research-task.ts';
import { numberSources } from '../../domain/deep-research/deep-research-task.ts';
import { createMockLlmProvider } from '../../providers/llm/mock-llm-provider.ts';
import { SchemaReportError, writeMarkdownReport, writeSchemaReport } from './report-writer.ts';

const findings: DeepResearchFinding[] = [
  {
    id: 'f0',
    taskId: 't',
    position: 0,
    question: 'Where is Acme headquartered?',
    status: 'done',
    answer: 'Berlin, Germany',
    excerpts: [{ url: 'https://acme.test/', quote: 'Acme is headquartered in Berlin, Germany.' }],
    error: null,
  },
];
const sources = numberSources(findings);
const call = { signal: new AbortController().signal, cacheScope: 'w' };
const input = { brief: 'Research Acme', findings, sources, degradationReasons: [] };

describe('report writer', () => {
  it('removes citations that resolve nowhere and says so', async () => {
    const provider = createMockLlmProvider({ object: { markdown: 'Acme is in Berlin [1]. Acme has 9,000 staff [4].' } });
    const { report } = await writeMarkdownReport(provider, input, call);
    expect(report).toMatchObject({ kind: 'markdown', markdown: 'Acme is in Berlin [1]. Acme has 9,000 staff.', sources });
    expect(report.degradationReasons).toEqual(['the writer cited sources that do not exist ([4]); those citations were removed']);
  });

  it('asks once more when nothing is cited, then falls back to the cited findings themselves', async () => {
    const provider = createMockLlmProvider({ object: { markdown: 'Acme is a great company in Berlin.' } });
    const { report } = await writeMarkdownReport(provider, input, call);
    expect(provider.calls).toHaveLength(2);
    expect(report.kind === 'markdown' && report.markdown).toBe('## Where is Acme headquartered?\n\nBerlin, Germany [1]');
    expect(report.degradationReasons).toEqual(['the writer did not cite its sources; the report lists the verified findings instead']);
  });

  it('repairs fields that miss output_schema once, keeps only real source ids in basis, and fails after that', async () => {
    const outputSchema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false };
    const repaired = createMockLlmProvider([
      { object: { fields: { town: 'Berlin' }, basis: {} } },
      { object: { fields: { city: 'Berlin' }, basis: { city: [1, 9] } } },
    ]);
    const { report } = await writeSchemaReport(repaired, { ...input, outputSchema }, call);
    expect(report).toMatchObject({ kind: 'schema', fields: { city: 'Berlin' }, basis: { city: [1] } });
    expect(String(repaired.calls[1]!.request.prompt)).toContain('did not match the schema');
    const never = createMockLlmProvider({ object: { fields: { city: 7 }, basis: {} } });
    await expect(writeSchemaReport(never, { ...input, outputSchema }, call)).rejects.toBeInstanceOf(SchemaReportError);
  });
});
