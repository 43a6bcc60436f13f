import { describe, expect, it } from 'vitest';
import { CreateDiscoveryTaskSchema } from '../../../src/api/schemas/discovery-schemas.ts';
import {
  buildDiscoveryTaskInput,
  criteriaFromDrafts,
  describeTaskState,
  isTaskFinished,
  keyFromName,
  renameDraft,
  type CriterionDraft,
  type DeepSearchForm,
} from './deep-search-form.ts';

let nextId = 0;
const draft = (changes: Partial<CriterionDraft>): CriterionDraft => ({ id: nextId++, key: '', name: '', criterion: '', isKeyEdited: false, ...changes });
const form = (changes: Partial<DeepSearchForm>): DeepSearchForm => ({
  query: 'warehouse robotics companies',
  desiredResults: '25',
  criteria: [],
  importTableId: '',
  runImported: false,
  ...changes,
});

describe('the criteria editor', () => {
  it('makes keys the server accepts from names, until a key is typed', () => {
    expect(keyFromName('Builds warehouse robots?')).toBe('builds_warehouse_robots');
    expect(keyFromName('  Héadquartered in Europe ')).toBe('headquartered_in_europe');
    expect(keyFromName('5+ years old')).toBe('c_5_years_old');
    expect(keyFromName('!!')).toBe('');
    const named = renameDraft(draft({}), 'Has an API');
    expect(named.key).toBe('has_an_api');
    expect(renameDraft({ ...named, key: 'api', isKeyEdited: true }, 'Has a public API').key).toBe('api');
  });

  it('leaves out blank rows and marks each problem at its row and field', () => {
    const { criteria, problems } = criteriaFromDrafts([
      draft({ key: 'robots', name: 'Builds robots', criterion: 'The company builds robots for warehouses' }),
      draft({}),
      draft({ key: '1bad', name: '', criterion: 'short' }),
      draft({ key: 'robots', name: 'Again', criterion: 'The company builds robots again' }),
    ]);
    expect(criteria.map((criterion) => criterion.key)).toEqual(['robots', '1bad', 'robots']);
    expect(problems.map((problem) => problem.field)).toEqual(['criteria.2.key', 'criteria.2.name', 'criteria.2.criterion', 'criteria.3.key']);
    expect(problems[3]!.message).toContain('Two criteria have the key “robots”');
  });

  it('refuses more than ten criteria', () => {
    const many = Array.from({ length: 11 }, (_, index) => draft({ key: `c${index}`, name: `C${index}`, criterion: 'A criterion long enough' }));
    expect(criteriaFromDrafts(many).problems).toEqual([{ field: 'criteria', message: 'At most 10 criteria; remove 1.' }]);
  });
});

describe('the New Deep Search form → POST /v1/discovery_tasks', () => {
  it('sends the query and count, criteria only when given, and the table hook when a table is chosen; the server’s schema accepts it', () => {
    const plain = buildDiscoveryTaskInput(form({}));
    expect(plain).toEqual({ ok: true, input: { query: 'warehouse robotics companies', desired_num_results: 25 } });
    const full = buildDiscoveryTaskInput(
      form({
        desiredResults: ' 8 ',
        criteria: [draft({ key: 'europe_hq', name: 'Headquartered in Europe', criterion: 'The company is headquartered in Europe' })],
        importTableId: 'table-1',
        runImported: true,
      }),
    );
    expect(full).toEqual({
      ok: true,
      input: {
        query: 'warehouse robotics companies',
        desired_num_results: 8,
        criteria: [{ key: 'europe_hq', name: 'Headquartered in Europe', criterion: 'The company is headquartered in Europe' }],
        table: { id: 'table-1', auto_import: true, run: true },
      },
    });
    for (const answer of [plain, full]) if (answer.ok) expect(CreateDiscoveryTaskSchema.safeParse(answer.input).success).toBe(true);
  });

  it('asks for a description and a count from 1 to 250', () => {
    for (const desiredResults of ['0', '251', '2.5', 'ten', '']) {
      const answer = buildDiscoveryTaskInput(form({ desiredResults }));
      expect(answer.ok, desiredResults).toBe(false);
      if (!answer.ok) expect(answer.problems.map((problem) => problem.field)).toEqual(['desired_num_results']);
    }
    const empty = buildDiscoveryTaskInput(form({ query: '  ' }));
    expect(empty).toEqual({ ok: false, problems: [{ field: 'query', message: 'Describe the companies to find.' }] });
  });
});

describe('a task’s state', () => {
  const task = { status: 'in_progress' as const, is_paused: false, is_exhausted: false, failure_reason: null };
  it('is finished only when its status is done or failed, not when exhausted', () => {
    expect(isTaskFinished({ status: 'created' })).toBe(false);
    expect(isTaskFinished({ status: 'in_progress' })).toBe(false);
    expect(isTaskFinished({ status: 'done' })).toBe(true);
    expect(isTaskFinished({ status: 'failed' })).toBe(true);
  });
  it('reads as words', () => {
    expect(describeTaskState(task)).toBe('Searching');
    expect(describeTaskState({ ...task, is_exhausted: true })).toBe('Grading the last candidates');
    expect(describeTaskState({ ...task, is_paused: true })).toBe('Pausing: finishing the companies already queued');
    expect(describeTaskState({ ...task, status: 'failed', failure_reason: 'No search provider' })).toBe('Failed: No search provider');
    expect(describeTaskState({ ...task, status: 'done', is_exhausted: true })).toBe('Done: every candidate found was checked');
  });
});
