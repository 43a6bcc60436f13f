import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ColumnConfigSchema, type ColumnConfig } from '../domain/column-config-schema.ts';
import { AGENT_TYPE_DEFINITIONS, COLUMN_KIND_DEFINITIONS } from '../domain/column-kinds/index.ts';
import type { Column } from '../domain/records.ts';
import { createMockLlmProvider } from '../providers/llm/mock-llm-provider.ts';
import type { CompanyProfileResolver } from './company/company-profile-resolver.ts';
import { type AgentDependencies, EXECUTOR_FACTORIES } from './executor-factories.ts';
import { createExecutorRegistry } from './executor-registry.ts';
import type { PeopleAgentDependencies } from './people/people-agent-dependencies.ts';
import type { ResearchAgentDependencies } from './research/research-agent.ts';
import type { SharedPageReader } from './research/shared-page-reader.ts';

const factoryIds = new Set(Object.keys(EXECUTOR_FACTORIES));

// Executors are only built here, never run: the dependencies need not work.
const llm = createMockLlmProvider({ text: '' });
const dependencies: AgentDependencies = {
  llm,
  research: {} as ResearchAgentDependencies,
  linkedin: { provider: llm, llmProblem: null, pages: {} as SharedPageReader, search: null, store: { findCompanyProfile: async () => undefined } },
  profiles: {} as CompanyProfileResolver,
  people: {} as PeopleAgentDependencies,
  companyMatch: { unresolved: 'not_found' },
  store: { findCompanyProfile: async () => undefined, findRows: async () => [], findDiscoveryCandidate: async () => undefined },
};

function column(config: unknown): Column {
  const parsed = ColumnConfigSchema.parse(config) as ColumnConfig;
  return { id: 'column', tableId: 'table', key: parsed.key, position: 0, config: parsed, createdAt: '2026-01-01T00:00:00.000Z' };
}

/** A minimal valid config of each kind, so the lookup runs on what the API would store. */
const EXAMPLE_CONFIGS: Record<string, unknown> = {
  input: { kind: 'input', name: 'I', key: 'i' },
  agent: { kind: 'agent', name: 'A', key: 'a', value: { agent_type: 'llm', prompt: 'p' } },
  criterion_grade: { kind: 'criterion_grade', name: 'C', key: 'c', value: { criterion: 'c' } },
  company_people_finder: { kind: 'company_people_finder', name: 'P', key: 'p', value: { roles: ['CEO'] } },
  discovery_scores: { kind: 'discovery_scores', name: 'D', key: 'd' },
  company_name: { kind: 'company_name', name: 'N', key: 'company_name' },
  company_website: { kind: 'company_website', name: 'W', key: 'company_website' },
  company_profile: { kind: 'company_profile', name: 'P', key: 'company_profile' },
  email_finder: { kind: 'email_finder', name: 'E', key: 'e' },
  phone_finder: { kind: 'phone_finder', name: 'F', key: 'f' },
  reverse_email_lookup: { kind: 'reverse_email_lookup', name: 'R', key: 'r', email_column_key: 'e' },
  criteria_grade_score: { kind: 'criteria_grade_score', name: 'S', key: 's', value: { column_weights: {} } },
};

describe('executor factories', () => {
  it('every registered kind has a schema, allowed table kinds and, when available, an executor', () => {
    for (const definition of COLUMN_KIND_DEFINITIONS) {
      expect(definition.schema, definition.kind).toBeInstanceOf(z.ZodObject);
      expect(definition.tableKinds.length, definition.kind).toBeGreaterThan(0);
      const needsFactory = definition.availability === 'available' && definition.executorKey === 'kind';
      expect(factoryIds.has(definition.kind), definition.kind).toBe(needsFactory);
    }
    for (const definition of AGENT_TYPE_DEFINITIONS) {
      expect(definition.tableKinds.length, definition.agentType).toBeGreaterThan(0);
      expect(factoryIds.has(definition.agentType), definition.agentType).toBe(definition.availability === 'available');
    }
  });

  it('has no factory for an id the registry does not know', () => {
    const known = new Set<string>([
      ...COLUMN_KIND_DEFINITIONS.map((definition) => definition.kind),
      ...AGENT_TYPE_DEFINITIONS.map((definition) => definition.agentType),
    ]);
    expect([...factoryIds].filter((id) => !known.has(id))).toEqual([]);
  });

  it('lets the engine find an executor for every available kind and agent type, and none for the others', () => {
    expect(Object.keys(EXAMPLE_CONFIGS).sort()).toEqual(COLUMN_KIND_DEFINITIONS.map((definition) => definition.kind).sort());
    const registry = createExecutorRegistry(dependencies);
    for (const definition of COLUMN_KIND_DEFINITIONS) {
      const executor = registry.executorFor(column(EXAMPLE_CONFIGS[definition.kind]), definition.tableKinds[0]!);
      const isComputable = definition.availability === 'available' && definition.executorKey !== 'none';
      expect(executor !== undefined, definition.kind).toBe(isComputable);
    }
    for (const definition of AGENT_TYPE_DEFINITIONS) {
      const config = { kind: 'agent', name: 'A', key: 'a', value: { agent_type: definition.agentType, prompt: 'p' } };
      expect(registry.executorFor(column(config), 'generic'), definition.agentType).toBeDefined();
    }
  });

  it('serves every column of a kind with one executor, so what it keeps (the people finder role expansions) is shared by all rows', () => {
    const registry = createExecutorRegistry(dependencies);
    const sales = column({ kind: 'company_people_finder', name: 'Sales', key: 'sales', value: { roles: ['sales leadership'] } });
    const finance = column({ kind: 'company_people_finder', name: 'Finance', key: 'finance', value: { roles: ['CFO'] } });
    const finder = registry.executorFor(sales, 'company');
    expect(finder).toBeDefined();
    expect(registry.executorFor(sales, 'company')).toBe(finder);
    expect(registry.executorFor(finance, 'company')).toBe(finder);
  });
});
