/** Deep Research tasks (contract §5.8): a cited report on one target, planned, researched by agents, written. */
import type { TaskSpend } from '../cost/task-spend.ts';
import type { TaskBudget } from '../task-budget.ts';

export const DEEP_RESEARCH_DEPTHS = ['medium', 'high', 'xhigh'] as const;
export type DeepResearchDepth = (typeof DEEP_RESEARCH_DEPTHS)[number];
export const DEEP_RESEARCH_STATUSES = ['created', 'in_progress', 'done', 'failed'] as const;
export type DeepResearchStatus = (typeof DEEP_RESEARCH_STATUSES)[number];

/** The most research agents a task may run, by depth (§5.8.1, API reference figures). */
export const AGENT_BUDGET: Record<DeepResearchDepth, number> = { medium: 25, high: 50, xhigh: 75 };

/** Counters, plus tokens, dollars and cache savings in the same terms as a run's (TaskSpend). */
export interface DeepResearchUsage extends TaskSpend {
  modelCalls: number;
  /** Input plus output tokens of the calls the model answered. */
  tokens: number;
  searches: number;
  pageFetches: number;
}

/** A cited source: a page an agent actually read, with the verbatim passage it relied on. */
export interface ReportSource {
  id: number;
  url: string;
  excerpt: string;
}

export type DeepResearchReport =
  | { kind: 'markdown'; markdown: string; sources: ReportSource[]; degradationReasons: string[] }
  | { kind: 'schema'; fields: Record<string, unknown>; basis: Record<string, number[]>; sources: ReportSource[]; degradationReasons: string[] };

export interface DeepResearchTask {
  id: string;
  workspaceId: string;
  ownerId: string;
  brief: string;
  depth: DeepResearchDepth;
  outputSchema: Record<string, unknown> | null;
  status: DeepResearchStatus;
  /** Analysis steps so far: planning, each agent's end, the writing. */
  iterations: number;
  failureReason: string | null;
  report: DeepResearchReport | null;
  /** Limits hit and agent failures noted while running, before the report exists. */
  degradationReasons: string[];
  usage: DeepResearchUsage;
  createdAt: string;
  updatedAt: string;
  /** Spending limit (extension), or null. */
  budget: TaskBudget | null;
}

export type FindingStatus = 'queued' | 'done' | 'failed';

/** One sub-question and what its research agent found. */
export interface DeepResearchFinding {
  id: string;
  taskId: string;
  position: number;
  question: string;
  status: FindingStatus;
  /** The agent's answer, or null when it found nothing. */
  answer: string | null;
  /** Verbatim passages of pages the agent read (checked against the page text by the agent). */
  excerpts: { url: string; quote: string }[];
  error: string | null;
}

/** Numbers every distinct (url, passage) of the findings from 1, in finding order. */
export function numberSources(findings: readonly DeepResearchFinding[]): ReportSource[] {
  const sources: ReportSource[] = [];
  for (const finding of findings)
    for (const excerpt of finding.excerpts)
      if (!sources.some((source) => source.url === excerpt.url && source.excerpt === excerpt.quote))
        sources.push({ id: sources.length + 1, url: excerpt.url, excerpt: excerpt.quote });
  return sources;
}

/** Distinct URLs among the findings' passages: the task's `sources` counter. */
export function countSourceUrls(findings: readonly DeepResearchFinding[]): number {
  return new Set(findings.flatMap((finding) => finding.excerpts.map((excerpt) => excerpt.url))).size;
}

/**
 * Keeps only `[n]` citations that name a source; returns the cleaned markdown and the ids dropped.
 * A writer can misnumber: a citation that resolves nowhere is removed rather than shown.
 */
export function resolveCitations(markdown: string, sources: readonly ReportSource[]): { markdown: string; dropped: number[]; cited: number[] } {
  const known = new Set(sources.map((source) => source.id));
  const dropped: number[] = [];
  const cited = new Set<number>();
  const cleaned = markdown.replace(/ ?\[(\d+)\]/g, (whole, digits: string) => {
    const id = Number(digits);
    if (known.has(id)) {
      cited.add(id);
      return whole;
    }
    dropped.push(id);
    return '';
  });
  return { markdown: cleaned, dropped, cited: [...cited].sort((a, b) => a - b) };
}
