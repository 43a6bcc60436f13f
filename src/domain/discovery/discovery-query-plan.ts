import type { DiscoveryTask } from './discovery-task.ts';

/**
 * The search queries a task sends, in order; each discover round sends the next one. Lists,
 * directories and "alternatives" pages name many companies at once, so those phrasings come
 * first after the query itself; then the query narrowed by each criterion. The plan is a pure
 * function of the task, so a resumed task continues where it stopped (`queriesUsed`).
 */
export function planDiscoveryQueries(task: Pick<DiscoveryTask, 'query' | 'criteria'>): string[] {
  const query = task.query.trim().replace(/\s+/g, ' ');
  const queries = [
    query,
    `list of ${query} companies`,
    `top ${query} companies`,
    `${query} directory`,
    `${query} alternatives`,
    `best ${query}`,
    ...task.criteria.map((criterion) => `${query} ${criterion.name}`),
    `${query} startups`,
    `${query} vendors`,
  ];
  const seen = new Set<string>();
  return queries.filter((item) => {
    const key = item.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
