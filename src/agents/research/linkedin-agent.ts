import { NOT_FOUND, type OutputFormat, type ParseOptions } from '../../domain/output-formats/index.ts';
import { renderPrompt } from '../../domain/prompt-references.ts';
import { PermanentCellError, type CellContext, type CellExecutor, type CellResult } from '../../engine/cell-executor.ts';
import { FetchError, type FetchedPage } from '../../providers/spec/fetcher.ts';
import type { LlmProvider } from '../../providers/spec/llm.ts';
import { registrableDomain } from '../../domain/company-identifier.ts';
import { rowDataBlock, templateValues } from '../row-context.ts';
import { renderEvidence } from './evidence-block.ts';
import { selectPassages } from './passage-selection.ts';
import { ownSignal } from './cell-signal.ts';
import { askForResearchAnswer } from './research-answer.ts';
import { researchSystemPrompt, researchUserPrompt } from './research-prompts.ts';
import type { SharedPageReader } from './shared-page-reader.ts';
import { usageRecord } from '../structured-answer.ts';

/** What the linkedin agent reads through. */
export interface LinkedinAgentDependencies {
  provider: LlmProvider;
  llmProblem: string | null;
  pages: SharedPageReader;
  /** Registrable domains that count as LinkedIn (default `linkedin.com`). */
  linkedinDomains?: readonly string[];
}

// Where LinkedIn sends visitors it will not show a page to.
const SIGN_IN_PATHS = /^\/(authwall|login|uas\/login|checkpoint|signup)\b/i;
const EVIDENCE_CHARACTERS = 8_000;
const LINKEDIN_DENIED_STATUS = 999;

/**
 * `agent_type: "linkedin"` (contract §3.3): reads the LinkedIn URL the prompt names through the
 * safe fetcher and answers from that page only. LinkedIn refuses most anonymous readers (robots.txt,
 * HTTP 999, a sign-in wall); then the cell fails with that reason: it never invents profile data.
 */
export function createLinkedinAgent(dependencies: LinkedinAgentDependencies): CellExecutor {
  const domains = new Set(dependencies.linkedinDomains ?? ['linkedin.com']);
  return {
    async execute(context: CellContext): Promise<CellResult> {
      const config = context.column.config;
      if (config.kind !== 'agent') throw new PermanentCellError(`the linkedin agent cannot compute '${config.kind}' columns`);
      if (dependencies.llmProblem) throw new PermanentCellError(dependencies.llmProblem, { code: 'llm_not_configured' });
      const startedAt = performance.now();
      const rendered = renderPrompt(config.value.prompt, templateValues(context));
      const url = findLinkedinUrl(`${rendered} ${Object.values(context.inputs).map(String).join(' ')}`, domains);
      if (!url) {
        return {
          value: {
            answer: NOT_FOUND,
            source: [],
            explanation: 'The row has no LinkedIn URL to read (give one in the prompt, for example {profile_url}).',
            excerpts: [],
          },
        };
      }
      const signal = ownSignal(context.signal);
      const page = await readLinkedinPage(dependencies.pages, url, { ...context, signal });
      // The model's task is the prompt as written ({key} references point into <row_data>);
      // only the URL search above sees the values.
      const question = config.value.prompt.replace(url, '').trim();
      const task =
        question.replace(/\{[A-Za-z_][A-Za-z0-9_]*\}/g, '').trim().length >= 8
          ? question
          : 'Summarise what this LinkedIn page says about the person or company: name, headline or role, company, location.';
      const format = config.value.output_format as OutputFormat;
      const options: ParseOptions = {
        ...(config.value.labels ? { labels: config.value.labels } : {}),
        ...(config.value.output_schema ? { outputSchema: config.value.output_schema } : {}),
      };
      const selection = selectPassages([page], task, EVIDENCE_CHARACTERS);
      const answer = await askForResearchAnswer(
        dependencies.provider,
        {
          system: researchSystemPrompt(format, options, false),
          prompt: researchUserPrompt({
            task,
            rowData: rowDataBlock(context),
            provenance: `The page is the LinkedIn page ${page.finalUrl}.`,
            evidence: renderEvidence(selection.pages),
          }),
          format,
          options,
          pages: [page],
          allowsFollowUp: false,
        },
        { signal, bypassCache: context.bypassCache, cacheScope: context.table.workspaceId },
      );
      const usage = usageRecord(answer.responses);
      return {
        value: {
          answer: answer.answer,
          source: answer.excerpts.map((excerpt) => excerpt.url),
          explanation: answer.explanation,
          excerpts: answer.excerpts,
          as_of: page.fetchedAt,
          usage: { ...usage.usage, duration_ms: Math.round(performance.now() - startedAt) },
          provider: usage.provider,
          model: usage.model,
        },
      };
    },
  };
}

/** The first http(s) URL in the text on a LinkedIn domain. */
export function findLinkedinUrl(text: string, domains: ReadonlySet<string>): string | null {
  for (const match of text.matchAll(/https?:\/\/[^\s"'<>)\]]+/gi)) {
    const domain = registrableDomain(match[0]);
    if (domain && domains.has(domain)) return match[0].replace(/[.,;]+$/, '');
  }
  return null;
}

async function readLinkedinPage(pages: SharedPageReader, url: string, context: CellContext): Promise<FetchedPage> {
  let page: FetchedPage;
  try {
    page = (await pages.read(url, { signal: context.signal, runId: context.runId, bypassCache: context.bypassCache, purpose: 'linkedin' })).page;
  } catch (error) {
    // Transient failures (timeouts, 429, 5xx) go back to the engine to be retried; the rest are
    // final. 999 is LinkedIn's "request denied" to readers it does not want, not a server fault.
    if (error instanceof FetchError && (!error.isRetryable || error.status === LINKEDIN_DENIED_STATUS)) {
      throw new PermanentCellError(
        `LinkedIn could not be read at ${url}: ${error.message}. Fathom reads LinkedIn only where LinkedIn lets it; it does not invent profile data.`,
        { cause: error, code: 'linkedin_unreachable' },
      );
    }
    throw error;
  }
  if (SIGN_IN_PATHS.test(new URL(page.finalUrl).pathname)) {
    throw new PermanentCellError(
      `LinkedIn asked to sign in before showing ${url} (it answered with ${page.finalUrl}); Fathom does not sign in to LinkedIn and does not invent profile data.`,
      { code: 'linkedin_sign_in_required' },
    );
  }
  return page;
}
