import { describe, expect, it } from 'vitest';
import { builtInColumns } from '../../../src/domain/table-kinds.ts';
import { allowedAgentTypes, checkColumn, kindAvailability } from './column-checks.ts';
import { configFromDraft, emptyDraft, keyFromName } from './column-draft.ts';

const company = { tableKind: 'company' as const, hasParentTable: false, existing: builtInColumns('company') };
const people = { tableKind: 'people' as const, hasParentTable: false, existing: builtInColumns('people') };

describe('column checks (the server rules, run in the browser)', () => {
  it('offers research_pro on company tables but not on people tables, and never the legacy alias', () => {
    expect(allowedAgentTypes(company)).toEqual(['research_pro', 'research_reasoning', 'llm', 'linkedin']);
    expect(allowedAgentTypes(people)).toEqual(['research_reasoning', 'llm', 'linkedin']);
  });

  it('says why a kind cannot be added to this table', () => {
    expect(kindAvailability(people).company_people_finder).toContain('not allowed on people tables');
    expect(kindAvailability(company).company_people_finder).toBeNull();
    expect(kindAvailability(company).email_finder).not.toBeNull();
  });

  it('locates problems the way the server 422 does, without the request prefix', () => {
    const draft = { ...emptyDraft('llm'), name: 'Segment', key: 'segment', prompt: 'Is {nope} B2B?', outputFormat: 'select' };
    const { issues } = checkColumn(configFromDraft(draft), company);
    expect(issues.map((issue) => issue.loc.join('.')).sort()).toEqual(['value.labels', 'value.prompt']);
    const withLabels = checkColumn(configFromDraft({ ...draft, labels: ['B2B', 'B2C'] }), company);
    expect(withLabels.issues.map((issue) => [issue.loc.join('.'), issue.msg.slice(0, 26)])).toEqual([['value.prompt', "prompt reference '{nope}' "]]);
  });

  it('accepts a complete config and returns it parsed', () => {
    const draft = { ...emptyDraft('llm'), name: 'Segment', key: 'segment', prompt: 'Is {input} B2B?', outputFormat: 'select', labels: ['B2B', 'B2C'] };
    expect(checkColumn(configFromDraft(draft), company).config).toMatchObject({
      kind: 'agent',
      key: 'segment',
      value: { agent_type: 'llm', labels: ['B2B', 'B2C'] },
    });
  });

  it('makes keys that work inside {references}', () => {
    expect(keyFromName('Funding stage (latest)')).toBe('funding_stage_latest');
    expect(keyFromName('2024 revenue')).toBe('_2024_revenue');
    expect(keyFromName('Café owner')).toBe('cafe_owner');
  });
});
