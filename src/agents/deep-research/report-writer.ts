import { type DeepResearchFinding, type DeepResearchReport, type ReportSource, resolveCitations } from '../../domain/deep-research/deep-research-task.ts';
import { compileOutputSchema, describeSchemaErrors } from '../../domain/output-formats/json-schema-validators.ts';
import type { LlmProvider, LlmResponse } from '../../providers/spec/llm.ts';

/** The findings as the writer sees them: each answer with the numbers of the sources behind it. */
export function findingsBlock(findings: readonly DeepResearchFinding[], sources: readonly ReportSource[]): string {
  const idOf = (url: string, quote: string) => sources.find((source) => source.url === url && source.excerpt === quote)?.id;
  const parts = findings
    .filter((finding) => finding.status === 'done' && finding.answer !== null)
    .map((finding) => {
      const ids = finding.excerpts.map((excerpt) => idOf(excerpt.url, excerpt.quote)).filter((id): id is number => id !== undefined);
      return `<finding>\nQuestion: ${finding.question}\nAnswer: ${finding.answer}\nSources: ${ids.map((id) => `[${id}]`).join(' ')}\n</finding>`;
    });
  const list = sources.map((source) => `[${source.id}] ${source.url}\n"${source.excerpt}"`).join('\n');
  return `<findings>\n${parts.join('\n')}\n</findings>\n<sources>\n${list}\n</sources>`;
}

const MARKDOWN_SYSTEM = [
  'You write a research report in markdown from findings that research agents verified.',
  'Use only the findings: add no fact they do not state.',
  'End every sentence that states a fact with the [n] numbers of the sources behind it, exactly as the findings list them.',
].join(' ');

const MARKDOWN_SCHEMA = { type: 'object', properties: { markdown: { type: 'string' } }, required: ['markdown'], additionalProperties: false };

export interface WrittenReport {
  report: DeepResearchReport;
  responses: LlmResponse[];
}

/**
 * Markdown report: the model writes, then every `[n]` is checked against the sources; one that
 * resolves nowhere is removed and noted. A report citing nothing while sources exist is rewritten
 * once, then replaced by the findings themselves, each with its citations, so a report never
 * carries an unsupported claim.
 */
export async function writeMarkdownReport(
  provider: LlmProvider,
  input: { brief: string; findings: DeepResearchFinding[]; sources: ReportSource[]; degradationReasons: string[] },
  call: { signal: AbortSignal; cacheScope: string },
): Promise<WrittenReport> {
  const responses: LlmResponse[] = [];
  const reasons = [...input.degradationReasons];
  let prompt = `Brief:\n${input.brief}\n\n${findingsBlock(input.findings, input.sources)}`;
  for (let attempt = 1; attempt <= 2; attempt += 1) {
    const response = await provider.generate(
      { system: MARKDOWN_SYSTEM, prompt, jsonSchema: MARKDOWN_SCHEMA, schemaName: 'research_report' },
      { signal: call.signal, bypassCache: attempt > 1, cacheScope: call.cacheScope },
    );
    responses.push(response);
    const markdown = String((response.object as { markdown?: unknown } | undefined)?.markdown ?? '').trim();
    const resolved = resolveCitations(markdown, input.sources);
    if (markdown.length > 0 && (resolved.cited.length > 0 || input.sources.length === 0)) {
      if (resolved.dropped.length > 0)
        reasons.push(`the writer cited sources that do not exist (${resolved.dropped.map((id) => `[${id}]`).join(', ')}); those citations were removed`);
      return { report: { kind: 'markdown', markdown: resolved.markdown, sources: input.sources, degradationReasons: reasons }, responses };
    }
    prompt = `${prompt}\n\nYour previous report cited no source. Cite every fact with its [n].`;
  }
  reasons.push('the writer did not cite its sources; the report lists the verified findings instead');
  const fallback = input.findings
    .filter((finding) => finding.status === 'done' && finding.answer !== null)
    .map((finding) => {
      const ids = finding.excerpts.map((excerpt) => input.sources.find((source) => source.url === excerpt.url && source.excerpt === excerpt.quote)?.id);
      return `## ${finding.question}\n\n${finding.answer} ${ids.map((id) => `[${id}]`).join(' ')}`.trim();
    })
    .join('\n\n');
  return { report: { kind: 'markdown', markdown: fallback, sources: input.sources, degradationReasons: reasons }, responses };
}

const FIELDS_SYSTEM = [
  'You fill a JSON object from findings that research agents verified, following its schema exactly.',
  'Use only the findings; use null where the schema allows it and the findings say nothing.',
  'In basis, list for each field you filled the [n] source numbers behind it (numbers only).',
].join(' ');

/** Why a structured report could not be written, for the task's failure_reason. */
export class SchemaReportError extends Error {}

/**
 * Structured report: `fields` must validate against `output_schema` (ajv, as the json output
 * format does), with one repair attempt quoting the errors; `basis` keeps only real source ids.
 */
export async function writeSchemaReport(
  provider: LlmProvider,
  input: { brief: string; outputSchema: Record<string, unknown>; findings: DeepResearchFinding[]; sources: ReportSource[]; degradationReasons: string[] },
  call: { signal: AbortSignal; cacheScope: string },
): Promise<WrittenReport> {
  const compiled = compileOutputSchema(input.outputSchema);
  if (!compiled.ok) throw new SchemaReportError(compiled.reason.replace("The column's", 'The'));
  const jsonSchema = {
    type: 'object',
    properties: { fields: input.outputSchema, basis: { type: 'object', additionalProperties: { type: 'array', items: { type: 'integer' } } } },
    required: ['fields', 'basis'],
  };
  const envelope = { type: 'object', properties: { fields: {}, basis: {} }, required: ['fields'] };
  const responses: LlmResponse[] = [];
  const known = new Set(input.sources.map((source) => source.id));
  let prompt = `Brief:\n${input.brief}\n\n${findingsBlock(input.findings, input.sources)}`;
  let problem = '';
  for (let attempt = 1; attempt <= 2; attempt += 1) {
    const response = await provider.generate(
      { system: FIELDS_SYSTEM, prompt, jsonSchema, validationSchema: envelope, schemaName: 'research_fields' },
      { signal: call.signal, bypassCache: attempt > 1, cacheScope: call.cacheScope },
    );
    responses.push(response);
    const reply = (response.object ?? {}) as { fields?: unknown; basis?: Record<string, unknown> };
    if (compiled.validate(reply.fields)) {
      const basis: Record<string, number[]> = {};
      for (const [field, ids] of Object.entries(reply.basis ?? {}))
        if (Array.isArray(ids)) basis[field] = [...new Set(ids.map(Number).filter((id) => known.has(id)))];
      return {
        report: {
          kind: 'schema',
          fields: reply.fields as Record<string, unknown>,
          basis,
          sources: input.sources,
          degradationReasons: input.degradationReasons,
        },
        responses,
      };
    }
    problem = describeSchemaErrors(compiled.validate.errors ?? []);
    prompt = `${prompt}\n\nYour previous fields did not match the schema: ${problem}. Answer again.`;
  }
  throw new SchemaReportError(`the report did not match output_schema after a repair attempt (${problem})`);
}
