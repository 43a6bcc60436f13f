import type { LlmProvider, LlmResponse } from '../../providers/spec/llm.ts';

/** What the planner made of a brief: the target and the sub-questions, or why the brief cannot be researched. */
export type ResearchPlan =
  | { ok: true; target: { name: string; website: string | null }; subQuestions: string[]; response: LlmResponse }
  | { ok: false; problem: string; suggestions: string[]; response: LlmResponse };

const PLAN_SCHEMA = {
  type: 'object',
  properties: {
    target_name: { type: ['string', 'null'] },
    target_website: { type: ['string', 'null'] },
    sub_questions: { type: 'array', items: { type: 'string' } },
    problem: { type: ['string', 'null'] },
    suggestions: { type: 'array', items: { type: 'string' } },
  },
  required: ['target_name', 'target_website', 'sub_questions', 'problem', 'suggestions'],
  additionalProperties: false,
};

const SYSTEM = [
  'You plan research for a cited report about ONE target (a company, person, team, account or market question).',
  'Name the target (target_name) and its website when the brief gives one (target_website, a URL or domain from the brief only).',
  'Split the brief into short, self-contained sub-questions, each answerable from a few web pages and naming the target.',
  'When the brief names no usable target (too vague, no company or person, or not a research request), set target_name to null,',
  'explain the problem in one sentence and give two or three rewritten briefs the user could send instead, as suggestions.',
].join(' ');

/** One model call: the brief's target and at most `maxQuestions` sub-questions. */
export async function planResearch(
  provider: LlmProvider,
  brief: string,
  maxQuestions: number,
  call: { signal: AbortSignal; cacheScope: string },
): Promise<ResearchPlan & { proposed: number }> {
  const response = await provider.generate(
    {
      system: SYSTEM,
      prompt: `Plan at most ${maxQuestions} sub-questions.\n<brief>\n${brief}\n</brief>`,
      jsonSchema: PLAN_SCHEMA,
      schemaName: 'research_plan',
    },
    { signal: call.signal, bypassCache: false, cacheScope: call.cacheScope },
  );
  const reply = (response.object ?? {}) as {
    target_name?: string | null;
    target_website?: string | null;
    sub_questions?: string[];
    problem?: string | null;
    suggestions?: string[];
  };
  const questions = [...new Set((reply.sub_questions ?? []).map((question) => question.trim()).filter((question) => question.length > 0))];
  const name = reply.target_name?.trim();
  if (!name || questions.length === 0) {
    const problem = reply.problem?.trim() || 'the brief names no target to research';
    return { ok: false, problem, suggestions: (reply.suggestions ?? []).filter((item) => item.trim().length > 0), response, proposed: questions.length };
  }
  return {
    ok: true,
    target: { name, website: websiteOf(reply.target_website ?? null, brief) },
    subQuestions: questions.slice(0, maxQuestions),
    response,
    proposed: questions.length,
  };
}

/** The target's site only when the brief itself names it: a model-proposed URL is never fetched. */
function websiteOf(proposed: string | null, brief: string): string | null {
  if (!proposed) return null;
  const domain = proposed
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/, '')
    .replace(/^www\./i, '')
    .toLowerCase();
  if (!domain.includes('.') || !brief.toLowerCase().includes(domain)) return null;
  return /^[a-z]+:\/\//i.test(proposed.trim()) ? proposed.trim() : `https://${domain}`;
}
