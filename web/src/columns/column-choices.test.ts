import { describe, expect, it } from 'vitest';
import { AGENT_TYPE_DEFINITIONS, COLUMN_KIND_DEFINITIONS } from '../../../src/domain/column-kinds/index.ts';
import { agentTypeChoices, columnKindChoices, isOfferedKind, kindTitle } from './column-choices.ts';

describe('column form choices (derived from the column-kind registry)', () => {
  it('offers exactly the kinds the registry offers, AI kinds first', () => {
    expect(columnKindChoices('company').map((choice) => choice.kind)).toEqual([
      'agent',
      'criterion_grade',
      'input',
      'company_people_finder',
      'email_finder',
      'phone_finder',
      'reverse_email_lookup',
    ]);
    const offered = COLUMN_KIND_DEFINITIONS.filter((definition) => definition.isOffered).map((definition) => definition.kind);
    expect(
      columnKindChoices('generic')
        .map((choice) => choice.kind)
        .sort(),
    ).toEqual([...offered].sort());
  });

  it('never offers a kind that is not yet available, nor a built-in', () => {
    const kinds = new Set<string>(columnKindChoices('people').map((choice) => choice.kind));
    for (const definition of COLUMN_KIND_DEFINITIONS) {
      if (definition.availability !== 'available' || definition.display.group === 'built_in') {
        expect(kinds.has(definition.kind), definition.kind).toBe(false);
        expect(isOfferedKind(definition.kind), definition.kind).toBe(false);
      }
    }
    expect(kindTitle('criteria_grade_score')).toMatch(/\(not yet available\)$/);
    expect(kindTitle('email_finder')).toBe('Find work email');
    expect(kindTitle('company_profile')).toBe('Company profile (built-in)');
  });

  it('labels each kind from its definition; the people kinds say where they are not allowed (§3.11)', () => {
    const refused = (tableKind: 'company' | 'people' | 'generic') =>
      columnKindChoices(tableKind)
        .filter((choice) => choice.refusal !== null)
        .map((choice) => choice.kind);
    expect(refused('company')).toEqual(['email_finder', 'phone_finder']);
    expect(refused('people')).toEqual(['company_people_finder']);
    expect(refused('generic')).toEqual(['company_people_finder']);
    const [agent] = columnKindChoices('people');
    expect(agent).toEqual({
      kind: 'agent',
      label: 'AI column',
      description: 'An agent answers a prompt for every row, with sources and an explanation.',
      refusal: null,
    });
  });

  it('offers research_pro on company tables but not on people tables, and never the legacy alias', () => {
    expect(agentTypeChoices('company').map((choice) => choice.agentType)).toEqual(['research_pro', 'research_reasoning', 'llm', 'linkedin']);
    expect(agentTypeChoices('people').map((choice) => choice.agentType)).toEqual(['research_reasoning', 'llm', 'linkedin']);
    expect(agentTypeChoices('company')[2]).toEqual({ agentType: 'llm', title: 'LLM only: no web access; transforms or classifies what the row already has' });
    const legacy = AGENT_TYPE_DEFINITIONS.filter((definition) => !definition.isOffered).map((definition) => definition.agentType);
    expect(legacy).toEqual(['research']);
  });
});
