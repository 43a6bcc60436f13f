/**
 * `npm run eval`: the labeled research set on the fixture web, with the LLM provider configured
 * in the environment (FATHOM_LLM_PROVIDER, FATHOM_LLM_BASE_URL, FATHOM_LLM_MODEL,
 * FATHOM_LLM_REASONING_MODEL, OPENAI_API_KEY, ANTHROPIC_API_KEY, FATHOM_LLM_API_KEY), or with the
 * scripted reader on the local test server when none is configured (CI). The companies are
 * fictional, so pages always come from the fixture web and search from its stand-in.
 * FATHOM_EVAL_INPUT_USD_PER_MTOK / FATHOM_EVAL_OUTPUT_USD_PER_MTOK price the tokens.
 * Then the company-profile set (`PROFILE_FIXTURES`): every structured-data shape, no model; then
 * the people set (`eval/people-eval.ts`): precision of people found and email correctness; then
 * the company-search set (`eval/company-search`): nDCG@10 and recall@50 of search and lookalikes;
 * then a Deep Search on the Deep Search fixture web, scored against its ground truth, and Deep
 * Research briefs about its companies (citation validity, fact accuracy on labelled facts).
 * Exits 1 when any citation fails the audit, any profile holds another organisation's fact, a
 * former role holder is returned as current, lexical search scores under nDCG@10 0.6, or the
 * Deep Search returns an impossible result.
 */
import { formatCompanySearchEvalReport, runCompanySearchEval } from './company-search/company-search-eval.ts';
import { formatEvalReport } from './eval-report.ts';
import { formatProfileEvalReport, runProfileEval } from './profile-eval.ts';
import { formatPeopleEvalReport, runPeopleEval } from './people-eval.ts';
import { formatDeepResearchEvalReport, runDeepResearchEval } from './deep-research-eval.ts';
import { formatDiscoveryEvalReport, runDiscoveryEval } from './discovery-eval.ts';
import { runResearchEval } from './research-eval.ts';

const LLM_VARIABLES = [
  'FATHOM_LLM_PROVIDER',
  'FATHOM_LLM_BASE_URL',
  'FATHOM_LLM_MODEL',
  'FATHOM_LLM_REASONING_MODEL',
  'FATHOM_LLM_API_KEY',
  'OPENAI_API_KEY',
  'ANTHROPIC_API_KEY',
];

const llmEnvironment = Object.fromEntries(LLM_VARIABLES.flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : [])));
const hasProvider = ['FATHOM_LLM_BASE_URL', 'OPENAI_API_KEY', 'ANTHROPIC_API_KEY'].some((name) => name in llmEnvironment);
const inputPrice = Number(process.env.FATHOM_EVAL_INPUT_USD_PER_MTOK ?? '');
const outputPrice = Number(process.env.FATHOM_EVAL_OUTPUT_USD_PER_MTOK ?? '');

const report = await runResearchEval({
  ...(hasProvider ? { llmEnvironment } : {}),
  ...(Number.isFinite(inputPrice) && Number.isFinite(outputPrice) && process.env.FATHOM_EVAL_INPUT_USD_PER_MTOK
    ? { pricing: { inputUsdPerMillion: inputPrice, outputUsdPerMillion: outputPrice } }
    : {}),
});
process.stdout.write(`${formatEvalReport(report)}\n`);
const profiles = await runProfileEval();
process.stdout.write(`\n${formatProfileEvalReport(profiles)}\n`);
const people = await runPeopleEval();
process.stdout.write(`\n${formatPeopleEvalReport(people)}\n`);
const companySearch = await runCompanySearchEval();
process.stdout.write(`\n${formatCompanySearchEvalReport(companySearch)}\n`);
const discovery = await runDiscoveryEval();
process.stdout.write(`\n${formatDiscoveryEvalReport(discovery)}\n`);
const deepResearch = await runDeepResearchEval();
process.stdout.write(`\n${formatDeepResearchEvalReport(deepResearch)}\n`);
if (
  report.overall.citations.validity < 1 ||
  profiles.foreignFacts.length > 0 ||
  people.formerReturned.length > 0 ||
  companySearch.search.ndcgAt10 < 0.6 ||
  discovery.impossibleResults > 0 ||
  discovery.status !== 'done' ||
  deepResearch.citations.validity < 1
)
  process.exitCode = 1;
