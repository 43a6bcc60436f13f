import type { HttpClient } from '../support/http-client.ts';
import type { OwnedResources } from './cases/auth.ts';

/**
 * A generic table of the client's with an input column (`notes`), an agent column whose prompt
 * starts with `prompt`, one row and a run over it, and a saved view: what the hostile cases
 * attack, or change, or ask another workspace to reach.
 */
export async function createOwnedTable(
  client: HttpClient,
  words: { name: string; prompt: string; input: string; notes: string },
): Promise<OwnedResources & { viewId: string }> {
  const table = (
    await client.post('/v1/tables', {
      kind: 'generic',
      name: words.name,
      column_configs: [
        { kind: 'input', name: 'Notes', key: 'notes' },
        { kind: 'agent', name: 'Summary', key: 'summary', value: { agent_type: 'llm', prompt: `${words.prompt} {input}`, output_format: 'text' } },
      ],
    })
  ).body;
  const [row] = (await client.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: words.input, notes: words.notes } }] })).body;
  const run = (await client.post(`/v1/tables/${table.id}/run`, { mode: 'all' })).body;
  const view = (await client.post(`/v1/tables/${table.id}/views`, { name: 'v', query: {} })).body;
  const notes = table.columns.find((column: { config: { key: string } }) => column.config.key === 'notes');
  return { tableId: table.id, rowId: row.id, columnId: notes.id, runId: run.run_id ?? run.id, inputColumnConfig: notes.config, viewId: view.id };
}
