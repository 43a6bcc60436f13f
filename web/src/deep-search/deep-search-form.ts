import type { CreateDiscoveryTaskInput, DiscoveryCriterion, DiscoveryTask } from '../api/api-types.ts';
import { MAX_DISCOVERY_RESULTS } from '../../../src/domain/discovery/discovery-task.ts';

export { MAX_DISCOVERY_RESULTS };

/** Most criteria a task takes (the server's CreateDiscoveryTaskSchema). */
export const MAX_CRITERIA = 10;
const KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;

/** One row of the criteria editor, as typed. */
export interface CriterionDraft {
  /** Stable across edits, for React's list keys. */
  id: number;
  key: string;
  name: string;
  criterion: string;
  /** The key was typed; otherwise it follows the name. */
  isKeyEdited: boolean;
}

/** What the New Deep Search form holds. */
export interface DeepSearchForm {
  query: string;
  desiredResults: string;
  criteria: CriterionDraft[];
  /** A company table to add results to as they are graded (the task's table hook); '' for none. */
  importTableId: string;
  /** With an import table: run the table's columns on the rows added. */
  runImported: boolean;
}

/** A problem of the form, at the field it is about (`criteria.1.criterion`), in words. */
export interface FormProblem {
  field: string;
  message: string;
}

/** A criterion's key made from its name, as the server accepts keys: "Builds robots?" → "builds_robots". */
export function keyFromName(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (words === '') return '';
  return (/^[a-z]/.test(words) ? words : `c_${words}`).slice(0, 100);
}

/** A draft row after a change to its name: the key follows unless it was typed. */
export function renameDraft(draft: CriterionDraft, name: string): CriterionDraft {
  return { ...draft, name, key: draft.isKeyEdited ? draft.key : keyFromName(name) };
}

function isBlank(draft: CriterionDraft): boolean {
  return draft.key.trim() === '' && draft.name.trim() === '' && draft.criterion.trim() === '';
}

/**
 * The criteria to send, checked by the server's rules (key: a letter then letters, digits or
 * underscores; name 1–100 characters; criterion 10–500; keys unique; at most 10), so the form
 * marks a row before anything is sent. Blank rows are left out; no criteria at all is allowed:
 * the server then writes them from the query.
 */
export function criteriaFromDrafts(drafts: readonly CriterionDraft[]): { criteria: DiscoveryCriterion[]; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const criteria: DiscoveryCriterion[] = [];
  const seen = new Set<string>();
  drafts.forEach((draft, index) => {
    if (isBlank(draft)) return;
    const at = (field: string, message: string) => problems.push({ field: `criteria.${index}.${field}`, message });
    const key = draft.key.trim();
    const name = draft.name.trim();
    const criterion = draft.criterion.trim();
    if (key === '') at('key', 'Give the criterion a key, such as builds_robots.');
    else if (!KEY_PATTERN.test(key)) at('key', 'A key starts with a letter and holds only letters, digits and underscores.');
    else if (key.length > 100) at('key', 'A key has at most 100 characters.');
    else if (seen.has(key)) at('key', `Two criteria have the key “${key}”: each needs its own.`);
    seen.add(key);
    if (name === '') at('name', 'Give the criterion a name.');
    else if (name.length > 100) at('name', 'A name has at most 100 characters.');
    if (criterion.length < 10) at('criterion', 'Describe what must hold in at least 10 characters, such as “The company builds robots for warehouses”.');
    else if (criterion.length > 500) at('criterion', 'A description has at most 500 characters.');
    criteria.push({ key, name, criterion });
  });
  if (criteria.length > MAX_CRITERIA)
    problems.push({ field: 'criteria', message: `At most ${MAX_CRITERIA} criteria; remove ${criteria.length - MAX_CRITERIA}.` });
  return { criteria, problems };
}

/** The POST /v1/discovery_tasks body for the form, or what to fix first. */
export function buildDiscoveryTaskInput(form: DeepSearchForm): { ok: true; input: CreateDiscoveryTaskInput } | { ok: false; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const query = form.query.trim();
  if (query === '') problems.push({ field: 'query', message: 'Describe the companies to find.' });
  else if (query.length > 2_000) problems.push({ field: 'query', message: 'A description has at most 2,000 characters.' });
  const desired = Number(form.desiredResults.trim());
  if (!/^\d+$/.test(form.desiredResults.trim()) || desired < 1 || desired > MAX_DISCOVERY_RESULTS) {
    problems.push({ field: 'desired_num_results', message: `Ask for a whole number of companies from 1 to ${MAX_DISCOVERY_RESULTS}.` });
  }
  const { criteria, problems: criteriaProblems } = criteriaFromDrafts(form.criteria);
  problems.push(...criteriaProblems);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    input: {
      query,
      desired_num_results: desired,
      ...(criteria.length > 0 ? { criteria } : {}),
      ...(form.importTableId !== '' ? { table: { id: form.importTableId, auto_import: true, run: form.runImported } } : {}),
    },
  };
}

/** A task is over (stop polling) once its status says so; `is_exhausted` alone is not the end (§5.1). */
export function isTaskFinished(task: Pick<DiscoveryTask, 'status'>): boolean {
  return task.status === 'done' || task.status === 'failed';
}

/** What the task is doing, in words, for its status line. */
export function describeTaskState(task: Pick<DiscoveryTask, 'status' | 'is_paused' | 'is_exhausted' | 'failure_reason'>): string {
  if (task.status === 'failed') return `Failed${task.failure_reason ? `: ${task.failure_reason}` : ''}`;
  if (task.status === 'done') return task.is_exhausted ? 'Done: every candidate found was checked' : 'Done';
  if (task.status === 'created') return 'Starting…';
  if (task.is_paused) return 'Pausing: finishing the companies already queued';
  return task.is_exhausted ? 'Grading the last candidates' : 'Searching';
}
