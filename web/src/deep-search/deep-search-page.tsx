import { DiscoveryTaskView } from './discovery-task-view.tsx';
import { NewDeepSearchForm } from './new-deep-search-form.tsx';
import { PastTasksList } from './past-tasks-list.tsx';

/** `/deep-search`: start one and see past ones; `/deep-search/<id>`: one task, live. */
export function DeepSearchPage({ taskId }: { taskId: string | null }) {
  return (
    <main className="page">
      {taskId === null ? (
        <>
          <div className="page-title-row">
            <h1>Deep Search</h1>
          </div>
          <p className="muted">
            Find companies on the web that match a description, each graded against your criteria from the pages of its own site. Results can become rows of a
            company table.
          </p>
          <NewDeepSearchForm />
          <PastTasksList />
        </>
      ) : (
        <DiscoveryTaskView key={taskId} taskId={taskId} />
      )}
    </main>
  );
}
