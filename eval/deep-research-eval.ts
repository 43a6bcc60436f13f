import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { createFathom } from '../src/main.ts';
import { createApiToken } from '../src/services/api-tokens.ts';
import { DEEP_SEARCH_COMPANIES, type DeepSearchCompany, startDeepResearchEnvironment } from '../test/fixtures/fixture-web/deep-search/index.ts';
import { auditCitations } from './citation-audit.ts';

/** One labelled brief: the questions asked about a fixture company and the fact each answer must state. */
interface LabelledBrief {
  company: DeepSearchCompany;
  facts: { question: string; expected: string }[];
}

export interface DeepResearchEvalReport {
  briefs: number;
  done: number;
  /** Every `[n]` of every report: resolves to a source whose URL the fixture web served and whose excerpt its page contains. */
  citations: { total: number; valid: number; validity: number };
  /** Labelled facts stated in the report line answering their question, over all labelled facts. */
  facts: { total: number; correct: number; accuracy: number };
  seconds: number;
  usage: { model_calls: number; tokens: number; searches: number; page_fetches: number };
}

/** Six live companies of the fixture web, of every kind (robots or not, Europe or not). */
function labelledBriefs(): LabelledBrief[] {
  const live = DEEP_SEARCH_COMPANIES.filter((company) => !company.isDead);
  const picks = [0, 2, 3, 7, 11, 20].map((index) => live[index]!);
  return picks.map((company) => ({
    company,
    facts: [
      {
        question: `What does ${company.name} build?`,
        expected: company.buildsWarehouseRobots ? 'builds autonomous robots for warehouses' : 'plans freight routes and runs trucking software',
      },
      { question: `Where is ${company.name} headquartered?`, expected: `${company.city}, ${company.country}` },
      { question: `When was ${company.name} founded?`, expected: String(2010 + (company.slug.length % 12)) },
    ],
  }));
}

/**
 * Deep Research on the fixture web: each labelled brief runs as a task; every citation is audited
 * independently of the agents (the page was served to them, the excerpt is in its text), and each
 * labelled fact must appear on the report line that answers its question.
 */
export async function runDeepResearchEval(): Promise<DeepResearchEvalReport> {
  const startedAt = performance.now();
  const environment = await startDeepResearchEnvironment({ environment: { FATHOM_FETCH_TIMEOUT_MS: '5000' } });
  const directory = mkdtempSync(join(tmpdir(), 'fathom-deep-research-eval-'));
  const config = loadConfig({
    PORT: '0',
    FATHOM_LOG_LEVEL: 'silent',
    DATABASE_URL: '',
    FATHOM_DB_PATH: join(directory, 'fathom.db'),
    ...environment.environment,
  });
  const fathom = await createFathom({ config, logger: pino({ level: 'silent' }), withWorkers: true, agentOverrides: environment.agentOverrides });
  try {
    const { token } = await createApiToken(fathom.services, { workspaceSlug: 'eval', email: 'eval@fathom.test', name: 'eval' });
    const api = async (method: string, path: string, body?: unknown) => {
      const response = await fathom.app!.request(path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return (await response.json()) as any;
    };
    const briefs = labelledBriefs();
    const created = await Promise.all(
      briefs.map((item) =>
        api('POST', '/v1/deep_research_tasks', {
          brief: `Research ${item.company.name} (${environment.web.urlFor(item.company.slug)}).\n${item.facts.map((fact) => `- ${fact.question}`).join('\n')}`,
        }),
      ),
    );
    const tasks: any[] = [];
    const deadline = Date.now() + 300_000;
    for (const task of created) {
      let current = task;
      while (current.status !== 'done' && current.status !== 'failed') {
        if (Date.now() > deadline) throw new Error('a deep research eval task did not end within 5 minutes');
        await new Promise((resolve) => setTimeout(resolve, 200));
        current = await api('GET', `/v1/deep_research_tasks/${task.id}`);
      }
      tasks.push(current);
    }
    let citationTotal = 0;
    let citationValid = 0;
    let factTotal = 0;
    let factCorrect = 0;
    const usage = { model_calls: 0, tokens: 0, searches: 0, page_fetches: 0 };
    for (const [index, task] of tasks.entries()) {
      for (const key of Object.keys(usage) as (keyof typeof usage)[]) usage[key] += task.usage[key];
      const facts = briefs[index]!.facts;
      factTotal += facts.length;
      if (task.status !== 'done' || task.report?.kind !== 'markdown') continue;
      const markdown: string = task.report.markdown;
      const sources = new Map<number, { url: string; excerpt: string }>(task.report.sources.map((source: any) => [source.id, source]));
      const cited = [...markdown.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
      const resolved = cited.map((id) => sources.get(id)).filter((source) => source !== undefined);
      const verdicts = await auditCitations(
        environment.web,
        resolved.map((source) => ({ url: source.url, quote: source.excerpt })),
      );
      citationTotal += cited.length;
      citationValid += verdicts.filter((verdict) => verdict.wasFetched && verdict.quoteOccurs).length;
      const lines = markdown.split('\n');
      for (const fact of facts) if (lines.some((line) => line.includes(fact.question) && line.includes(fact.expected))) factCorrect += 1;
    }
    return {
      briefs: briefs.length,
      done: tasks.filter((task) => task.status === 'done').length,
      citations: { total: citationTotal, valid: citationValid, validity: citationTotal === 0 ? 0 : citationValid / citationTotal },
      facts: { total: factTotal, correct: factCorrect, accuracy: factTotal === 0 ? 0 : factCorrect / factTotal },
      seconds: Math.round((performance.now() - startedAt) / 100) / 10,
      usage,
    };
  } finally {
    await fathom.close();
    await environment.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

export function formatDeepResearchEvalReport(report: DeepResearchEvalReport): string {
  const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
  return [
    `Deep Research on the fixture web: ${report.briefs} labelled briefs (3 questions each), ${report.done} done, ${report.seconds} s`,
    `  citation validity ${percent(report.citations.validity)} (${report.citations.valid}/${report.citations.total}; target 100 %)  fact accuracy ${percent(report.facts.accuracy)} (${report.facts.correct}/${report.facts.total})`,
    `  usage: ${report.usage.model_calls} model calls, ${report.usage.tokens} tokens, ${report.usage.searches} searches, ${report.usage.page_fetches} page fetches`,
  ].join('\n');
}
