import { describe, expect, it } from 'vitest';
import { builtInColumns } from '../../../src/domain/table-kinds.ts';
import { checkColumn } from './column-checks.ts';
import { configFromDraft, emptyDraft } from './column-draft.ts';

const company = { tableKind: 'company' as const, hasParentTable: false, existing: builtInColumns('company') };

describe('column checks (the server rules, run in the browser)', () => {
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

  it('refuses a kind that is not yet available, at its kind', () => {
    const { issues } = checkColumn({ kind: 'criteria_grade_score', name: 'Score', key: 'score', value: { column_weights: { fit: 1 } } }, company);
    expect(issues).toEqual([{ loc: ['kind'], msg: expect.stringContaining("'criteria_grade_score' is not yet available"), type: 'value_error' }]);
  });
});
