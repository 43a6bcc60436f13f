import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ColumnConfigUnionSchema } from '../column-config-schema.ts';
import { columnKindRefusal } from '../column-rules.ts';
import { TABLE_KINDS } from '../table-kind-names.ts';
import { AGENT_TYPE_DEFINITIONS, AGENT_TYPES, COLUMN_KIND_DEFINITIONS, COLUMN_KIND_GROUPS, offeredAgentTypes, type ColumnTable } from './index.ts';
import { criteriaGradeScoreKind } from './criteria-grade-score.ts';
import { emailFinderKind } from './email-finder.ts';
import { reverseEmailLookupKind } from './reverse-email-lookup.ts';

const NOT_YET_AVAILABLE = ['criteria_grade_score'];

function table(keys: string[], overrides: Partial<ColumnTable> = {}): ColumnTable {
  return { tableKind: 'people', hasParentTable: false, keys: new Set(keys), columns: keys.map((key) => ({ key, kind: 'input' })), ...overrides };
}

describe('the column-kind registry', () => {
  it('gives every kind a zod object schema whose kind literal is the kind, with name and key', () => {
    for (const definition of COLUMN_KIND_DEFINITIONS) {
      expect(definition.schema, definition.kind).toBeInstanceOf(z.ZodObject);
      const shape = definition.schema.shape as Record<string, z.ZodType>;
      expect(shape.kind, definition.kind).toBeInstanceOf(z.ZodLiteral);
      expect((shape.kind as z.ZodLiteral).values, definition.kind).toEqual(new Set([definition.kind]));
      expect(Object.keys(shape), definition.kind).toEqual(expect.arrayContaining(['kind', 'name', 'key']));
    }
  });

  it('lists each kind once, and the API union is exactly their schemas in registry order', () => {
    const kinds = COLUMN_KIND_DEFINITIONS.map((definition) => definition.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(ColumnConfigUnionSchema.options).toEqual(COLUMN_KIND_DEFINITIONS.map((definition) => definition.schema));
  });

  it('gives every kind a non-empty set of table kinds: the allowed-kinds matrix of §3.11', () => {
    const matrix = Object.fromEntries(COLUMN_KIND_DEFINITIONS.map((definition) => [definition.kind, [...definition.tableKinds].sort()]));
    expect(matrix).toEqual({
      input: ['company', 'generic', 'people'],
      agent: ['company', 'generic', 'people'],
      criterion_grade: ['company', 'generic', 'people'],
      company_people_finder: ['company'],
      discovery_scores: ['company', 'generic'],
      company_name: ['company'],
      company_website: ['company'],
      company_profile: ['company'],
      email_finder: ['generic', 'people'],
      phone_finder: ['generic', 'people'],
      reverse_email_lookup: ['company', 'generic', 'people'],
      criteria_grade_score: ['company', 'generic', 'people'],
    });
    for (const definition of COLUMN_KIND_DEFINITIONS) {
      expect(
        definition.tableKinds.every((tableKind) => (TABLE_KINDS as readonly string[]).includes(tableKind)),
        definition.kind,
      ).toBe(true);
    }
  });

  it('marks the kinds no agent computes yet as not available, and offers only available kinds', () => {
    const unavailable = COLUMN_KIND_DEFINITIONS.filter((definition) => definition.availability === 'not_yet_available').map((definition) => definition.kind);
    expect(unavailable.sort()).toEqual([...NOT_YET_AVAILABLE].sort());
    const offered = COLUMN_KIND_DEFINITIONS.filter((definition) => definition.isOffered).map((definition) => definition.kind);
    expect(offered).toEqual(['input', 'agent', 'criterion_grade', 'company_people_finder', 'email_finder', 'phone_finder', 'reverse_email_lookup']);
    for (const definition of COLUMN_KIND_DEFINITIONS) {
      expect(definition.display.label.length, definition.kind).toBeGreaterThan(0);
      expect(definition.display.description.length, definition.kind).toBeGreaterThan(0);
      expect(COLUMN_KIND_GROUPS, definition.kind).toContain(definition.display.group);
    }
  });

  it('refuses a kind that is not yet available before asking whether the table kind allows it', () => {
    expect(columnKindRefusal('criteria_grade_score', 'company')).toBe(
      "column kind 'criteria_grade_score' is not yet available: Fathom cannot compute it yet, so such a column cannot be added",
    );
    expect(columnKindRefusal('email_finder', 'company')).toBe("column kind 'email_finder' is not allowed on company tables");
    expect(columnKindRefusal('company_people_finder', 'people')).toBe("column kind 'company_people_finder' is not allowed on people tables");
    expect(columnKindRefusal('company_name', 'people')).toBe("column kind 'company_name' is not allowed on people tables");
    expect(columnKindRefusal('agent', 'people')).toBeNull();
  });
});

describe('the agent-type registry', () => {
  it('is the agent_type enum, in order, with table kinds of §3.11', () => {
    expect(AGENT_TYPES).toEqual(AGENT_TYPE_DEFINITIONS.map((definition) => definition.agentType));
    expect(AGENT_TYPES).toEqual(['research_pro', 'research_reasoning', 'llm', 'linkedin', 'research']);
    for (const definition of AGENT_TYPE_DEFINITIONS) {
      expect(definition.tableKinds.length, definition.agentType).toBeGreaterThan(0);
      expect(definition.display.label.length, definition.agentType).toBeGreaterThan(0);
    }
  });

  it('offers research_pro except on people tables, and never the legacy alias', () => {
    expect(offeredAgentTypes('company')).toEqual(['research_pro', 'research_reasoning', 'llm', 'linkedin']);
    expect(offeredAgentTypes('generic')).toEqual(['research_pro', 'research_reasoning', 'llm', 'linkedin']);
    expect(offeredAgentTypes('people')).toEqual(['research_reasoning', 'llm', 'linkedin']);
  });
});

describe('rules of the people kinds and the weighted score', () => {
  it('email and phone finders need full_name, profile_url and company_website (a child table reads the website from its parent)', () => {
    const config = { kind: 'email_finder' as const, name: 'Email', key: 'email' };
    expect(emailFinderKind.referenceIssues?.(config, table(['input', 'full_name']), ['body'])).toEqual([
      {
        loc: ['body', 'kind'],
        msg: "email_finder needs columns keyed 'profile_url', 'company_website' in this table (company_website can be an input column)",
        type: 'value_error',
      },
    ]);
    expect(emailFinderKind.referenceIssues?.(config, table(['full_name', 'profile_url'], { hasParentTable: true }), ['body'])).toEqual([]);
  });

  it('reverse email lookup reads an existing column; a weighted score weighs criterion_grade columns only', () => {
    const lookup = { kind: 'reverse_email_lookup' as const, name: 'Who', key: 'who', email_column_key: 'mail' };
    expect(reverseEmailLookupKind.referenceIssues?.(lookup, table(['input']), [])[0]?.loc).toEqual(['email_column_key']);
    expect(reverseEmailLookupKind.dependencies(lookup)).toEqual(['mail']);
    const score = { kind: 'criteria_grade_score' as const, name: 'S', key: 's', value: { column_weights: { fit: 2, input: 1 } } };
    const withFit = table(['input', 'fit'], {
      columns: [
        { key: 'input', kind: 'input' },
        { key: 'fit', kind: 'criterion_grade' },
      ],
    });
    expect(criteriaGradeScoreKind.referenceIssues?.(score, withFit, [])).toEqual([
      { loc: ['value', 'column_weights', 'input'], msg: "column 'input' is not a criterion_grade column", type: 'value_error' },
    ]);
  });
});
