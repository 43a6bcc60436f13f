import { NOT_FOUND, type OutputFormat, type ParseOptions } from '../../domain/output-formats/index.ts';
import { renderPrompt } from '../../domain/prompt-references.ts';
import { PermanentCellError, type CellContext, type CellExecutor, type CellResult } from '../../engine/cell-executor.ts';
import type { FetchedPage } from '../../providers/spec/fetcher.ts';
import type { LlmProvider } from '../../providers/spec/llm.ts';
import type { Store } from '../../store/store.ts';
import { registrableDomain } from '../../domain/company-identifier.ts';
import { rowDataBlock, templateValues } from '../row-context.ts';
import { renderEvidence } from './evidence-block.ts';
import { selectPassages } from './passage-selection.ts';
import { ownSignal } from './cell-signal.ts';
import { askForResearchAnswer } from './research-answer.ts';
import { researchSystemPrompt, researchUserPrompt } from './research-prompts.ts';
import type { SharedPageReader } from './shared-page-reader.ts';
import type { SharedSearchReader } from './shared-search-reader.ts';
import { gatherLinkedinFallbackEvidence } from './linkedin-fallback-evidence.ts';
import { LinkedinPageAccess } from './linkedin-page-access.ts';
import { usageRecord } from '../structured-answer.ts';

/** What the linkedin agent reads through. */
export interface LinkedinAgentDependencies {
  provider: LlmProvider;
  llmProblem: string | null;
  pages: SharedPageReader;
  /** Search, for what the web says about a profile LinkedIn will not show; null when none is configured. */
  search: SharedSearchReader | null;
  /** To find the row's company profile and so its own site. */
  store: Pick<Store, 'findCompanyProfile'>;
  /** Registrable domains that count as LinkedIn (default `linkedin.com`). */
  linkedinDomains?: readonly string[];
}

const EVIDENCE_CHARACTERS = 8_000;

/**
 * `agent_type: "linkedin"` (contract §3.3): answers about the LinkedIn profile the prompt names.
 * It reads the page itself only where LinkedIn lets an anonymous reader in (robots.txt, no 999,
 * no sign-in wall: `LinkedinPageAccess`). Where LinkedIn refuses, it answers from what search
 * results and the row's company's own pages say about the profile, each answer cited; with
 * neither available it fails saying what would be needed. It never signs in and never invents
 * profile data.
 */
export function createLinkedinAgent(dependencies: LinkedinAgentDependencies): CellExecutor {
  const domains = new Set(dependencies.linkedinDomains ?? ['linkedin.com']);
  const access = new LinkedinPageAccess(dependencies.pages);
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
      const outcome = await access.read(url, { signal, runId: context.runId, bypassCache: context.bypassCache });
      const question = rendered.replace(url, '').trim();
      const task =
        question.length >= 8 ? question : 'Summarise what this LinkedIn page says about the person or company: name, headline or role, company, location.';
      let pages: FetchedPage[];
      let provenance: string;
      let record: Record<string, unknown>;
      if ('page' in outcome) {
        pages = [outcome.page];
        provenance = `The page is the LinkedIn page ${outcome.page.finalUrl}.`;
        record = { read: true };
      } else {
        const evidence = await gatherLinkedinFallbackEvidence(url, { ...context, signal }, { ...dependencies, linkedinDomains: domains });
        if (!evidence.couldLook) {
          throw new PermanentCellError(
            `${outcome.refusedBecause}. To answer without reading LinkedIn, Fathom needs a search provider (FATHOM_SEARCH_PROVIDER) whose results show the profile, the company's website in the row, or a LinkedIn data provider (none is configured); it does not sign in to LinkedIn and does not invent profile data.`,
            { code: 'linkedin_unreachable' },
          );
        }
        record = { read: false, refused_because: outcome.refusedBecause, queries: evidence.queries, evidence: evidence.found };
        if (evidence.pages.length === 0) {
          return {
            value: {
              answer: NOT_FOUND,
              source: [],
              explanation: `${outcome.refusedBecause}, and ${evidence.queries.length > 0 ? `searching (${evidence.queries.map((query) => `"${query}"`).join(', ')})` : "the company's own pages"} found nothing about the profile.`,
              excerpts: [],
              linkedin: record,
              usage: { duration_ms: Math.round(performance.now() - startedAt) },
            },
          };
        }
        pages = evidence.pages;
        provenance = `LinkedIn would not show ${url} to Fathom. The pages below are search results about it (as the search engine showed them, not fetched from LinkedIn) and the company's own pages.`;
      }
      const format = config.value.output_format as OutputFormat;
      const options: ParseOptions = {
        ...(config.value.labels ? { labels: config.value.labels } : {}),
        ...(config.value.output_schema ? { outputSchema: config.value.output_schema } : {}),
      };
      const selection = selectPassages(pages, task, EVIDENCE_CHARACTERS);
      const answer = await askForResearchAnswer(
        dependencies.provider,
        {
          system: researchSystemPrompt(format, options, false),
          prompt: researchUserPrompt({ task, rowData: rowDataBlock(context), provenance, evidence: renderEvidence(selection.pages) }),
          format,
          options,
          pages,
          allowsFollowUp: false,
        },
        { signal, bypassCache: context.bypassCache },
      );
      const usage = usageRecord(answer.responses);
      const cited = new Set(answer.excerpts.map((excerpt) => excerpt.url));
      const fetchedAt = pages.filter((page) => cited.has(page.finalUrl)).map((page) => page.fetchedAt);
      return {
        value: {
          answer: answer.answer,
          source: answer.excerpts.map((excerpt) => excerpt.url),
          explanation:
            'page' in outcome
              ? answer.explanation
              : `${outcome.refusedBecause}; answered from search results and the company's own pages. ${answer.explanation}`,
          excerpts: answer.excerpts,
          as_of: fetchedAt.sort()[0] ?? pages[0]!.fetchedAt,
          linkedin: record,
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
