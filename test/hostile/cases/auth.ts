import { expect } from 'vitest';
import type { HostileServer } from '../hostile-server.ts';
import type { HostileTally } from '../hostile-tally.ts';

/** What workspace A owns, for the other workspace to try. */
export interface OwnedResources {
  tableId: string;
  rowId: string;
  columnId: string;
  runId: string;
  inputColumnConfig: Record<string, unknown>;
}

interface Operation {
  method: string;
  path: string;
}

/** A body the operation would accept from its owner, so a refusal shows ownership, not validation. */
function validBody(operation: Operation, owned: OwnedResources): unknown {
  const key = `${operation.method} ${operation.path}`;
  const bodies: Record<string, unknown> = {
    'post /v1/tables': { kind: 'generic' },
    'patch /v1/tables/{table_id}': { name: 'taken over' },
    'post /v1/tables/{table_id}/clone': {},
    'post /v1/tables/{table_id}/columns': { column_configs: [{ kind: 'input', name: 'Intruder', key: 'intruder' }] },
    'put /v1/tables/{table_id}/columns/{column_id}': owned.inputColumnConfig,
    'patch /v1/tables/{table_id}/columns/{column_id}': owned.inputColumnConfig,
    'post /v1/tables/{table_id}/rows': { rows: [{ data: { input: 'intruder' } }] },
    'patch /v1/tables/{table_id}/rows': { rows: [{ id: owned.rowId, data: { input: 'taken over' } }] },
    'delete /v1/tables/{table_id}/rows': { rows: [owned.rowId] },
    'post /v1/tables/{table_id}/run': { mode: 'all' },
    'post /v1/tables/{table_id}/views': { name: 'intruder view', query: {} },
    'post /v1/tables/{table_id}/columns/{column_id}/change-preview': owned.inputColumnConfig,
    'post /v1/companies/{company_identifier}/similar': { limit: 5 },
  };
  return bodies[key];
}

function fillPath(path: string, owned: OwnedResources): string {
  return path
    .replace('{table_id}', owned.tableId)
    .replace('{row_id}', owned.rowId)
    .replace('{column_id}', owned.columnId)
    .replace('{run_id}', owned.runId)
    .replace('{company_identifier}', 'acme.test');
}

/**
 * Every operation of the OpenAPI document, called without a token, with a bad one, and (for the
 * ones that name A's resources) with workspace B's token: 401, 401, 404, and A's data unchanged.
 */
export function registerAuthCases(tally: HostileTally, target: () => HostileServer, owned: () => OwnedResources, operations: () => Operation[]): void {
  const category = 'auth';
  const call = async (operation: Operation, token: string | undefined) => {
    const controller = new AbortController();
    // The events stream never ends by itself: read the status, then stop.
    const timer = setTimeout(() => controller.abort(), 5_000);
    try {
      const body = validBody(operation, owned());
      const response = await fetch(`${target().server.baseUrl}${fillPath(operation.path, owned())}`, {
        method: operation.method.toUpperCase(),
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
      });
      const text = response.headers.get('content-type')?.includes('event-stream') ? '' : await response.text();
      controller.abort();
      return { status: response.status, text };
    } finally {
      clearTimeout(timer);
    }
  };
  const protectedOperations = () => operations().filter((operation) => operation.path !== '/v1/healthcheck');

  tally.hostileCase(category, 'every operation without a token answers 401', async () => {
    expect(protectedOperations().length).toBeGreaterThan(15);
    for (const operation of protectedOperations()) expect((await call(operation, undefined)).status, `${operation.method} ${operation.path}`).toBe(401);
  });
  tally.hostileCase(category, 'every operation with a bad, malformed or empty-looking token answers 401', async () => {
    for (const token of ['fth_not-a-real-token-0000000000000', 'x', `${target().server.tokens.alice}x`, '%00', 'Bearer']) {
      for (const operation of protectedOperations()) expect((await call(operation, token)).status, `${operation.method} ${operation.path} ${token}`).toBe(401);
    }
  });
  tally.hostileCase(category, "every operation naming A's resources answers 404 to workspace B", async () => {
    const named = protectedOperations().filter((operation) => operation.path.includes('{'));
    expect(named.length).toBeGreaterThan(10);
    for (const operation of named) {
      const response = await call(operation, target().server.tokens.bob);
      expect(response.status, `${operation.method} ${operation.path}`).toBe(404);
      expect(response.text).not.toContain(owned().rowId);
    }
  });
  tally.hostileCase(category, "after B's attempts A's table, rows and columns are unchanged", async () => {
    const table = (await target().server.alice.get(`/v1/tables/${owned().tableId}`)).body;
    expect(table.name).toBe('Owned by A');
    const data = (await target().server.alice.get(`/v1/tables/${owned().tableId}/data`)).body;
    expect(data.rows.map((row: { id: string }) => row.id)).toContain(owned().rowId);
    expect(data.columns.map((column: { config: { key: string } }) => column.config.key)).not.toContain('intruder');
    expect(JSON.stringify(data)).not.toContain('taken over');
  });
  tally.hostileCase(category, "B's lists never show A's tables", async () => {
    const tables = (await target().server.bob.get('/v1/tables?limit=100')).body;
    expect(JSON.stringify(tables)).not.toContain(owned().tableId);
  });
  tally.hostileCase(category, '?access_token= is honoured only by the events stream', async () => {
    const response = await target().server.anonymous.get(`/v1/tables/${owned().tableId}?access_token=${target().server.tokens.alice}`);
    expect(response.status).toBe(401);
  });
}
