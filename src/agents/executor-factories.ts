import type { ExecutorId } from '../domain/column-kinds/index.ts';
import type { CellExecutor } from '../engine/cell-executor.ts';
import type { LlmProvider } from '../providers/spec/llm.ts';
import type { Store } from '../store/store.ts';
import { createCompanyNameExecutor, createCompanyWebsiteExecutor } from './company/company-builtin-executors.ts';
import { createCompanyProfileExecutor } from './company/company-profile-executor.ts';
import type { CompanyProfileResolver } from './company/company-profile-resolver.ts';
import type { CompanyMatchSettings } from './company/company-name-resolution.ts';
import { createDiscoveryScoresExecutor } from './discovery/discovery-scores-executor.ts';
import { createLlmAgent } from './llm-agent.ts';
import { createEmailFinderAgent } from './people/email-finder-agent.ts';
import type { PeopleAgentDependencies } from './people/people-agent-dependencies.ts';
import { createPeopleFinderAgent } from './people/people-finder-agent.ts';
import { createPhoneFinderAgent } from './people/phone-finder-agent.ts';
import { createReverseEmailLookupAgent } from './people/reverse-email-lookup-agent.ts';
import { createCriterionGradeAgent } from './research/criterion-grade-agent.ts';
import { createLinkedinAgent, type LinkedinAgentDependencies } from './research/linkedin-agent.ts';
import { createResearchAgent, type ResearchAgentDependencies } from './research/research-agent.ts';

/** What the executors are built from; one set per process, shared by every cell. */
export interface AgentDependencies {
  /** The everyday model, for `llm` columns. */
  llm: LlmProvider;
  research: ResearchAgentDependencies;
  linkedin: LinkedinAgentDependencies;
  profiles: CompanyProfileResolver;
  /** The people finder, email, phone and reverse-lookup executors. */
  people: PeopleAgentDependencies;
  /** What a company cell does when a name matches no company well enough. */
  companyMatch: Pick<CompanyMatchSettings, 'unresolved'>;
  /** Where the company built-ins read the row's profile. */
  store: Pick<Store, 'findCompanyProfile' | 'findRows' | 'findDiscoveryCandidate'>;
}

export type ExecutorFactory = (dependencies: AgentDependencies) => CellExecutor;

/**
 * One factory per executor id of the column-kind registry: each available column kind computed
 * by its own executor, and each available agent type. The type makes a missing id a compile
 * error, so an available kind cannot ship without an executor.
 */
export const EXECUTOR_FACTORIES: { readonly [Id in ExecutorId]: ExecutorFactory } = {
  llm: (dependencies) => createLlmAgent(dependencies.llm),
  research_pro: (dependencies) => createResearchAgent(dependencies.research),
  // The legacy name of research_pro; the research agent tells the two from research_reasoning.
  research: (dependencies) => createResearchAgent(dependencies.research),
  research_reasoning: (dependencies) => createResearchAgent(dependencies.research),
  linkedin: (dependencies) => createLinkedinAgent(dependencies.linkedin),
  criterion_grade: (dependencies) => createCriterionGradeAgent(dependencies.research),
  company_profile: (dependencies) => createCompanyProfileExecutor(dependencies.profiles, dependencies.companyMatch),
  company_name: (dependencies) => createCompanyNameExecutor(dependencies.store),
  company_website: (dependencies) => createCompanyWebsiteExecutor(dependencies.store),
  discovery_scores: (dependencies) => createDiscoveryScoresExecutor(dependencies.store),
  company_people_finder: (dependencies) => createPeopleFinderAgent(dependencies.people),
  email_finder: (dependencies) => createEmailFinderAgent(dependencies.people),
  phone_finder: (dependencies) => createPhoneFinderAgent(dependencies.people),
  reverse_email_lookup: (dependencies) => createReverseEmailLookupAgent(dependencies.people),
};
