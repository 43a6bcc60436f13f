import { useSession } from '../auth/session-context.tsx';
import { ErrorMessage } from '../common/error-message.tsx';
import { useLoader } from '../common/use-loader.ts';
import { deepSearchUrl, followLink } from '../routing/routes.ts';
import { describeTaskState } from './deep-search-form.ts';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The workspace's Deep Searches, newest first, each opening its page. */
export function PastTasksList() {
  const { api } = useSession();
  const tasks = useLoader('discovery-tasks', () => api.listDiscoveryTasks(0, 50));
  return (
    <section className="stack">
      <h2>Past Deep Searches</h2>
      <ErrorMessage error={tasks.error} title="Could not load your Deep Searches." />
      {tasks.isLoading && !tasks.data && <p className="muted">Loading…</p>}
      {tasks.data?.length === 0 && <p className="muted">None yet: the first one you start appears here.</p>}
      {tasks.data && tasks.data.length > 0 && (
        <table className="tables-list" data-testid="past-tasks">
          <thead>
            <tr>
              <th scope="col">Looking for</th>
              <th scope="col">State</th>
              <th scope="col" className="number">
                Graded
              </th>
              <th scope="col" className="number">
                High-fit
              </th>
              <th scope="col">Started</th>
            </tr>
          </thead>
          <tbody>
            {tasks.data.map((task) => (
              <tr key={task.id} data-task-id={task.id}>
                <td>
                  <a href={deepSearchUrl(task.id)} onClick={followLink} className="table-name">
                    {task.query}
                  </a>
                </td>
                <td className="muted">{describeTaskState(task)}</td>
                <td className="number">
                  {task.num_results_evaluated.toLocaleString()} of {task.desired_num_results.toLocaleString()}
                </td>
                <td className="number">{task.num_results.toLocaleString()}</td>
                <td className="muted">{dateFormat.format(new Date(task.created_at))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
