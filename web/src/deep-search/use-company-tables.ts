import type { TableSummary } from '../api/api-types.ts';
import { useSession } from '../auth/session-context.tsx';
import { useLoader, type Loaded } from '../common/use-loader.ts';

/** The workspace's company tables by name, the first 100 (the ones Deep Search results can become rows of). */
export function useCompanyTables(): Loaded<TableSummary[]> {
  const { api } = useSession();
  return useLoader('company-tables', async (signal) => (await api.listTables({ kind: 'company', sort: 'name', limit: 100 }, signal)).tables);
}
