import { useState } from 'react';
import type { DiscoveryResult, DiscoveryTask } from '../api/api-types.ts';
import { useSession } from '../auth/session-context.tsx';
import { countOf } from '../common/counts.ts';
import { ErrorMessage } from '../common/error-message.tsx';
import { useNotices } from '../common/notices.tsx';
import { deepSearchUrl, followLink, tableUrl } from '../routing/routes.ts';
import { AddResultsBar } from './add-results-bar.tsx';
import { describeTaskState, isTaskFinished, MAX_DISCOVERY_RESULTS } from './deep-search-form.ts';
import { DiscoveryResultsTable } from './discovery-results-table.tsx';
import { useDiscoveryTask } from './use-discovery-task.ts';

const COUNTERS: { key: 'num_results_discovered' | 'num_results_enriched' | 'num_results_evaluated' | 'num_results'; label: string; hint: string }[] = [
  { key: 'num_results_discovered', label: 'Discovered', hint: 'Candidates found in search results, directories and your index' },
  { key: 'num_results_enriched', label: 'Profiled', hint: 'Candidates whose own site was read into a company profile' },
  { key: 'num_results_evaluated', label: 'Graded', hint: 'Profiled companies graded on every criterion' },
  { key: 'num_results', label: 'High-fit', hint: 'Graded 4 or 5 on at least 75 % of the criteria' },
];

/** One Deep Search, live: its four counters, pause and resume, and its graded results. */
export function DiscoveryTaskView({ taskId }: { taskId: string }) {
  const { api } = useSession();
  const { task, results, error, update } = useDiscoveryTask(api, taskId);
  if (!task) {
    return (
      <>
        <a href={deepSearchUrl()} onClick={followLink} className="muted small">
          Deep Search
        </a>
        {error ? <ErrorMessage error={error} title="Could not load this Deep Search." /> : <p className="muted">Loading…</p>}
      </>
    );
  }
  return <TaskDetails task={task} results={results} error={error} onTaskChanged={update} />;
}

function TaskDetails({
  task,
  results,
  error,
  onTaskChanged,
}: {
  task: DiscoveryTask;
  results: DiscoveryResult[];
  error: unknown;
  onTaskChanged(task: DiscoveryTask): void;
}) {
  const isRunning = !isTaskFinished(task);
  const progress = Math.min(1, task.num_results_evaluated / Math.max(1, task.desired_num_results));
  return (
    <>
      <div className="stack-tight">
        <span className="small">
          <a href={deepSearchUrl()} onClick={followLink} className="muted">
            Deep Search
          </a>
        </span>
        <h1 data-testid="task-query">{task.query}</h1>
        <p className={`small task-state task-state-${task.status}`} data-testid="task-state" data-status={task.status}>
          {isRunning && <span className="spinner" aria-hidden="true" />} {describeTaskState(task)}
        </p>
      </div>
      <ErrorMessage error={error} title="Could not read the task’s progress (still trying)." />
      <section className="task-counters" data-testid="task-counters">
        {COUNTERS.map((counter) => (
          <div key={counter.key} className="task-counter" title={counter.hint} data-testid={`counter-${counter.key}`}>
            <span className="task-counter-value">{task[counter.key].toLocaleString()}</span>
            <span className="muted small">{counter.label}</span>
          </div>
        ))}
        <div className="task-progress">
          <div
            className="progress-track"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={task.desired_num_results}
            aria-valuenow={task.num_results_evaluated}
          >
            <div className="progress-fill" style={{ width: `${progress * 100}%` }} />
          </div>
          <span className="muted small">
            {task.num_results_evaluated.toLocaleString()} of {task.desired_num_results.toLocaleString()} companies graded
            {` · ${countOf(task.usage.searches, 'search', 'searches')}, ${countOf(task.usage.page_fetches, 'page')} read, ${countOf(task.usage.model_calls, 'model call')}`}
          </span>
        </div>
        <TaskActions task={task} onTaskChanged={onTaskChanged} />
      </section>
      {task.table_id && (
        <p className="notice notice-info" data-testid="task-table-hook">
          Results are added to{' '}
          <a href={tableUrl(task.table_id)} onClick={followLink}>
            their company table
          </a>{' '}
          as they are graded.
        </p>
      )}
      <details className="task-criteria">
        <summary>
          Criteria ({task.criteria.length}): {task.criteria.map((criterion) => criterion.name).join(', ')}
        </summary>
        <ul>
          {task.criteria.map((criterion) => (
            <li key={criterion.key}>
              <strong>{criterion.name}</strong> <code className="muted">{criterion.key}</code>: {criterion.criterion}
            </li>
          ))}
        </ul>
      </details>
      <TaskResults task={task} results={results} />
    </>
  );
}

function TaskResults({ task, results }: { task: DiscoveryTask; results: DiscoveryResult[] }) {
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  if (results.length === 0) {
    return (
      <p className="muted" data-testid="task-no-results">
        {isTaskFinished(task) ? 'No company was graded: nothing matching was found.' : 'Graded companies appear here as soon as each is checked.'}
      </p>
    );
  }
  return (
    <section className="stack">
      <AddResultsBar task={task} results={results.filter((result) => ticked.has(result.id))} />
      <DiscoveryResultsTable criteria={task.criteria} results={results} ticked={ticked} onTickedChange={setTicked} />
    </section>
  );
}

function TaskActions({ task, onTaskChanged }: { task: DiscoveryTask; onTaskChanged(task: DiscoveryTask): void }) {
  const { api } = useSession();
  const notices = useNotices();
  const [more, setMore] = useState('25');
  const [isBusy, setIsBusy] = useState(false);
  const room = MAX_DISCOVERY_RESULTS - task.desired_num_results;
  const act = async (work: () => Promise<DiscoveryTask>, failure: string) => {
    setIsBusy(true);
    try {
      onTaskChanged(await work());
    } catch (error) {
      notices.showError(failure, error);
    } finally {
      setIsBusy(false);
    }
  };
  if (!isTaskFinished(task)) {
    return (
      <div className="task-actions">
        <button
          type="button"
          className="button"
          disabled={isBusy || task.is_paused}
          onClick={() => void act(() => api.pauseDiscoveryTask(task.id), 'Could not pause')}
          title="Stop looking for new candidates; the ones already queued are still graded"
        >
          {task.is_paused ? 'Pausing…' : 'Pause'}
        </button>
      </div>
    );
  }
  if (task.status === 'failed') return null;
  if (task.is_exhausted) return <p className="muted small task-actions">Every candidate found was checked: there is nothing more to resume.</p>;
  if (room <= 0) return <p className="muted small task-actions">This task holds the most companies a task can ({MAX_DISCOVERY_RESULTS}).</p>;
  return (
    <form
      className="task-actions inline-choices"
      onSubmit={(event) => {
        event.preventDefault();
        const count = Number(more);
        if (!Number.isInteger(count) || count < 1 || count > room) {
          notices.showError('Could not resume', new Error(`Ask for a whole number of companies from 1 to ${room}.`));
          return;
        }
        void act(() => api.resumeDiscoveryTask(task.id, count), 'Could not resume');
      }}
    >
      <label className="checkbox">
        Find
        <input aria-label="More companies to find" inputMode="numeric" size={4} value={more} onChange={(event) => setMore(event.target.value)} />
        more
      </label>
      <button type="submit" className="button" disabled={isBusy}>
        Resume
      </button>
    </form>
  );
}
