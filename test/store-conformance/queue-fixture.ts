import { NO_USAGE } from '../../src/domain/run-summary.ts';
import { NO_CAPS } from '../../src/domain/run-modes.ts';
import { expect } from 'vitest';
import type { ColumnConfig } from '../../src/domain/column-config-schema.ts';
import type { Cell } from '../../src/domain/records.ts';
import { uuidV7 } from '../../src/domain/uuid-v7.ts';
import type { CellKey, ClaimedCell, NewCell, Store } from '../../src/store/store.ts';

/** Time under the test's control: every store call gets its times from here. */
export class TestClock {
  constructor(private ms = Date.parse('2026-12-01T00:00:00.000Z')) {}
  now(): number {
    return this.ms;
  }
  iso(): string {
    return new Date(this.ms).toISOString();
  }
  advance(milliseconds: number): void {
    this.ms += milliseconds;
  }
}

export interface ColumnSpec {
  key: string;
  /** Keys of the computed columns this one waits on. */
  dependsOn?: string[];
}

/**
 * A table with one input column and the given computed columns over `rows` rows, written through
 * the store itself, with helpers to queue, claim and inspect cells.
 */
export class QueueFixture {
  readonly columnIds = new Map<string, string>();
  readonly rowIds: string[] = [];
  tableId = '';

  constructor(
    readonly store: Store,
    readonly clock: TestClock,
    readonly leaseMs = 1_000,
  ) {}

  static async create(store: Store, clock: TestClock, options: { columns: ColumnSpec[]; rows: number }): Promise<QueueFixture> {
    const fixture = new QueueFixture(store, clock);
    await fixture.build(options.columns, options.rows);
    return fixture;
  }

  private async build(columns: ColumnSpec[], rowCount: number): Promise<void> {
    const now = this.clock.iso();
    const workspace = { id: uuidV7(), name: 'acme', slug: `acme-${uuidV7()}`, createdAt: now };
    await this.store.insertWorkspace(workspace);
    const user = { id: uuidV7(), workspaceId: workspace.id, email: 'alice@acme.test', isAdmin: true, createdAt: now };
    await this.store.insertUser(user);
    this.tableId = uuidV7();
    await this.store.insertTable({
      id: this.tableId,
      workspaceId: workspace.id,
      ownerId: user.id,
      name: 'queue',
      description: null,
      kind: 'generic',
      tags: null,
      notify: false,
      settings: {},
      parentTableId: null,
      relationshipType: null,
      createdAt: now,
    });
    const specs: { key: string; config: ColumnConfig }[] = [
      { key: 'input', config: { kind: 'input', name: 'Input', key: 'input' } as ColumnConfig },
      ...columns.map((column) => ({
        key: column.key,
        config: {
          kind: 'agent',
          name: column.key,
          key: column.key,
          value: {
            agent_type: 'llm',
            prompt: `${column.key} of {input} ${(column.dependsOn ?? []).map((key) => `{${key}}`).join(' ')}`,
            output_format: 'text',
          },
        } as unknown as ColumnConfig,
      })),
    ];
    const records = specs.map((spec, position) => ({ id: uuidV7(), tableId: this.tableId, key: spec.key, position, config: spec.config, createdAt: now }));
    for (const record of records) this.columnIds.set(record.key, record.id);
    await this.store.insertColumns(this.tableId, records, now);
    await this.store.replaceColumnDependencies(
      this.tableId,
      columns.flatMap((column) =>
        (column.dependsOn ?? []).map((upstream) => ({ columnId: this.column(column.key), dependsOnColumnId: this.column(upstream) })),
      ),
    );
    const rows = Array.from({ length: rowCount }, () => ({ id: uuidV7(), parentRowId: null, companyProfileId: null, metadata: null, createdAt: now }));
    const cells: NewCell[] = rows.flatMap((row, index) =>
      records.map((record) =>
        record.key === 'input'
          ? { rowId: row.id, columnId: record.id, status: 'done' as const, value: `row ${index}`, error: null, isInput: true }
          : { rowId: row.id, columnId: record.id, status: 'created' as const, value: null, error: null, isInput: false },
      ),
    );
    await this.store.insertRows(this.tableId, rows, cells);
    this.rowIds.push(...rows.map((row) => row.id));
  }

  column(key: string): string {
    const id = this.columnIds.get(key);
    if (!id) throw new Error(`no column ${key}`);
    return id;
  }

  key(rowIndex: number, columnKey: string): CellKey {
    return { tableId: this.tableId, rowId: this.rowIds[rowIndex]!, columnId: this.column(columnKey) };
  }

  /** Start a run that queues these columns' cells in the given statuses (as mode "new" does with `created`). */
  async queue(columnKeys: string[], statuses: Cell['status'][] = ['created']): Promise<string> {
    const runId = uuidV7();
    const now = this.clock.iso();
    await this.store.insertRun({
      id: runId,
      tableId: this.tableId,
      mode: 'new',
      status: 'created',
      rowIds: null,
      columnIds: null,
      numRequestedCells: 0,
      createdAt: now,
      updatedAt: now,
      endedAt: null,
      endCounts: null,
      usage: NO_USAGE,
      caps: NO_CAPS,
      statusReason: null,
    });
    const requested = await this.store.requestCells({
      tableId: this.tableId,
      runId,
      columnIds: columnKeys.map((key) => this.column(key)),
      rowIds: null,
      statuses,
      stuckBefore: null,
      bypassCache: false,
      now,
    });
    await this.store.updateRun(runId, { status: 'created', numRequestedCells: requested, now, isEnded: false });
    return runId;
  }

  /** Claim as a worker would, under a fresh lease of `leaseMs` from the clock's now. */
  claim(limit = 100): Promise<ClaimedCell[]> {
    return this.store.claimCells({ limit, leaseToken: crypto.randomUUID(), leaseExpiresAt: this.clock.now() + this.leaseMs, now: this.clock.iso() });
  }

  reap(maxAttempts = 3) {
    return this.store.reapExpiredLeases({ nowMs: this.clock.now(), now: this.clock.iso(), maxAttempts, limit: 1_000 });
  }

  complete(cell: ClaimedCell, status: 'done' | 'failed', answer: unknown, error: string | null = null) {
    return this.store.completeCells(
      [
        {
          tableId: cell.tableId,
          rowId: cell.rowId,
          columnId: cell.columnId,
          leaseToken: cell.leaseToken,
          runId: cell.runId,
          status,
          value: status === 'done' ? { answer, source: [], explanation: 'test' } : null,
          error,
        },
      ],
      this.clock.iso(),
    );
  }

  async cell(rowIndex: number, columnKey: string): Promise<Cell> {
    const [found] = await this.store.listCells([this.rowIds[rowIndex]!], [this.column(columnKey)]);
    if (!found) throw new Error(`no cell ${rowIndex}/${columnKey}`);
    return found;
  }

  async statuses(columnKey: string): Promise<string[]> {
    const cells = await this.store.listCells(this.rowIds, [this.column(columnKey)]);
    const byRow = new Map(cells.map((cell) => [cell.rowId, cell.status]));
    return this.rowIds.map((rowId) => byRow.get(rowId)!);
  }

  /** The table's counters (moved with every write) must equal an exact recount. */
  async expectCountersExact(): Promise<void> {
    const table = await this.store.findTableById(this.tableId);
    expect(table!.cellCounts).toEqual(await this.store.countCellsByStatus(this.tableId));
  }

  async run(runId: string) {
    return this.store.findRun(this.tableId, runId);
  }
}

/** Cells named `row/column` for comparisons that ignore order. */
export function cellNames(cells: readonly { rowId: string; columnId: string }[], fixture: QueueFixture): string[] {
  const keyOf = new Map([...fixture.columnIds].map(([key, id]) => [id, key]));
  return cells.map((cell) => `${fixture.rowIds.indexOf(cell.rowId)}/${keyOf.get(cell.columnId)}`).sort();
}
