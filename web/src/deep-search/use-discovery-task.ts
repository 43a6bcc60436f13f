import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/api-error.ts';
import type { DiscoveryResult, DiscoveryTask } from '../api/api-types.ts';
import type { FathomApi } from '../api/fathom-api.ts';
import { isTaskFinished, MAX_DISCOVERY_RESULTS } from './deep-search-form.ts';

/** How often a running task is read. The vendor's CLI waits 10 s; a page someone watches moves sooner. */
export const TASK_POLL_MS = 1_500;

export interface WatchedTask {
  task: DiscoveryTask | undefined;
  results: DiscoveryResult[];
  error: unknown;
  /** Take a task the server answered with (pause, resume) and keep watching while it runs. */
  update(task: DiscoveryTask): void;
}

/**
 * A discovery task and its results, read again every 1.5 s while it runs and never after it has
 * ended. The results (one page holds all of a task's, at most 250) are read again only when the
 * counters or the status moved, so a quiet poll costs one small request.
 */
export function useDiscoveryTask(api: FathomApi, taskId: string): WatchedTask {
  const [task, setTask] = useState<DiscoveryTask | undefined>(undefined);
  const [results, setResults] = useState<DiscoveryResult[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let isStopped = false;
    let timer: number | undefined;
    let seen = '';
    const readResults = async () => {
      const page = await api.getDiscoveryResults(taskId, 0, MAX_DISCOVERY_RESULTS);
      const { results: items, ...current } = page;
      return { current: current as DiscoveryTask, items };
    };
    const poll = async () => {
      try {
        let current = seen === '' ? undefined : await api.getDiscoveryTask(taskId);
        const fingerprint = (value: DiscoveryTask) => `${value.status}/${value.num_results_evaluated}/${value.num_results}/${value.desired_num_results}`;
        if (current === undefined || fingerprint(current) !== seen) {
          const read = await readResults();
          current = read.current;
          if (isStopped) return;
          setResults(read.items);
        }
        if (isStopped) return;
        seen = fingerprint(current);
        setTask(current);
        setError(null);
        if (!isTaskFinished(current)) timer = window.setTimeout(() => void poll(), TASK_POLL_MS);
      } catch (caught) {
        if (isStopped) return;
        setError(caught);
        // A passing failure (the server restarting) should not end the watch; a 404 should.
        if (!(caught instanceof ApiError && (caught.status === 404 || caught.isUnauthorized))) timer = window.setTimeout(() => void poll(), TASK_POLL_MS * 2);
      }
    };
    void poll();
    return () => {
      isStopped = true;
      window.clearTimeout(timer);
    };
  }, [api, taskId, generation]);

  const update = useCallback((next: DiscoveryTask) => {
    setTask(next);
    setGeneration((value) => value + 1);
  }, []);

  return { task, results, error, update };
}
