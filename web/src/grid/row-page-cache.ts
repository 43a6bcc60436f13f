import type { CellChange, TableData, TableDataRow } from '../api/api-types.ts';

/** Rows per `GET …/data` request while scrolling: a screen is ~20 rows, so one request covers a few screens. */
export const ROWS_PER_PAGE = 100;
/**
 * Pages kept in memory (2,400 rows). The grid never holds the whole table: scrolling far away
 * evicts the least recently seen pages, and coming back fetches them again.
 */
const MAX_PAGES = 24;
/** Wait for the scroll to pause this long before fetching, so dragging the scrollbar does not fire a request per frame. */
const SCROLL_SETTLE_MS = 60;

export type LoadPage = (offset: number, limit: number, signal: AbortSignal) => Promise<TableData>;

interface Page {
  rows: TableDataRow[];
}

/**
 * The grid's window onto a table: pages of rows fetched on demand, evicted when far away, and
 * patched in place by live cell updates. React reads it through `subscribe`/`version`.
 */
export class RowPageCache {
  /** Map order is recency order: the first entry is the least recently used page. */
  private readonly pages = new Map<number, Page>();
  private readonly loading = new Map<number, AbortController>();
  private readonly listeners = new Set<() => void>();
  private wanted = { first: 0, last: -1 };
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped on every change; React re-renders when it moves. */
  version = 0;

  constructor(
    private readonly loadPage: LoadPage,
    /** Every page answer carries the table's columns and status; the page hands them up. */
    private readonly onTableData: (data: TableData) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  /** The row at a table position, or undefined while its page loads. */
  row(index: number): TableDataRow | undefined {
    return this.pages.get(Math.floor(index / ROWS_PER_PAGE))?.rows[index % ROWS_PER_PAGE];
  }

  /** Rows in memory now (the bench checks that this stays far below the table size). */
  get heldRowCount(): number {
    let count = 0;
    for (const page of this.pages.values()) count += page.rows.length;
    return count;
  }

  /**
   * The rows `first…last` are on screen: fetch their missing pages once scrolling settles, and
   * cancel fetches of pages the user scrolled away from.
   */
  show(first: number, last: number): void {
    this.wanted = { first, last };
    for (const index of this.pageRange(first, last)) this.touch(index);
    const isAnythingMissing = this.pageRange(first, last).some((index) => !this.pages.has(index) && !this.loading.has(index));
    if (!isAnythingMissing) return;
    clearTimeout(this.timer);
    // Nothing on screen yet (first paint, a jump to the end): fetch at once, there is nothing to keep smooth.
    const isScreenEmpty = this.pageRange(first, last).every((index) => !this.pages.has(index));
    const delay = isScreenEmpty && this.pages.size === 0 ? 0 : SCROLL_SETTLE_MS;
    this.timer = setTimeout(() => this.loadWanted(), delay);
  }

  /** Fetch the on-screen pages again (polling fallback while a run goes, or after an edit). */
  async refreshShown(): Promise<void> {
    const { first, last } = this.wanted;
    await Promise.all(this.pageRange(first, last).map((index) => this.load(index)));
  }

  /** Forget every page (rows were added or deleted, so positions moved) and fetch the screen again. */
  reset(): void {
    for (const controller of this.loading.values()) controller.abort();
    this.loading.clear();
    this.pages.clear();
    this.bump();
    this.loadWanted();
  }

  /** Apply pushed cell changes to the rows in memory; rows not in memory are read fresh when shown. */
  applyCellChanges(changes: readonly CellChange[]): void {
    if (changes.length === 0) return;
    const byRow = new Map<string, CellChange[]>();
    for (const change of changes) {
      const list = byRow.get(change.row_id);
      if (list) list.push(change);
      else byRow.set(change.row_id, [change]);
    }
    let isChanged = false;
    for (const page of this.pages.values()) {
      let rows: TableDataRow[] | undefined;
      page.rows.forEach((row, position) => {
        const rowChanges = byRow.get(row.id);
        if (!rowChanges) return;
        const data = { ...row.data };
        for (const change of rowChanges) {
          data[change.column_key] = { value: change.value, status: change.status, updated_at: change.updated_at, error: change.error ?? null };
        }
        rows ??= [...page.rows];
        rows[position] = { ...row, data };
      });
      if (rows) {
        page.rows = rows;
        isChanged = true;
      }
    }
    if (isChanged) this.bump();
  }

  /** Put a row the server answered with (after an edit) in place of the one in memory. */
  replaceRow(updated: Pick<TableDataRow, 'id' | 'data'>): void {
    for (const page of this.pages.values()) {
      const position = page.rows.findIndex((row) => row.id === updated.id);
      if (position === -1) continue;
      const rows = [...page.rows];
      rows[position] = { ...rows[position]!, data: updated.data };
      page.rows = rows;
      this.bump();
      return;
    }
  }

  /**
   * The table grew or shrank: drop pages that ended short of the new end (their missing rows now
   * exist) and pages past it, so `show` fetches them again.
   */
  noteRowCount(count: number): void {
    let isChanged = false;
    for (const [index, page] of this.pages) {
      const start = index * ROWS_PER_PAGE;
      const isShortOfEnd = page.rows.length < ROWS_PER_PAGE && start + page.rows.length < count;
      if (isShortOfEnd || start >= count) {
        this.pages.delete(index);
        isChanged = true;
      }
    }
    if (isChanged) this.bump();
  }

  /** Stop fetching (the page is closing). Safe to call twice; `show` starts again. */
  stop(): void {
    clearTimeout(this.timer);
    for (const controller of this.loading.values()) controller.abort();
    this.loading.clear();
  }

  private loadWanted(): void {
    const wantedPages = new Set(this.pageRange(this.wanted.first, this.wanted.last));
    // A page the user scrolled past is not worth finishing: the server's work is wasted either way, the wait is not.
    for (const [index, controller] of this.loading) {
      if (!wantedPages.has(index)) {
        controller.abort();
        this.loading.delete(index);
      }
    }
    for (const index of wantedPages) if (!this.pages.has(index) && !this.loading.has(index)) void this.load(index);
  }

  private async load(index: number): Promise<void> {
    this.loading.get(index)?.abort();
    const controller = new AbortController();
    this.loading.set(index, controller);
    try {
      const data = await this.loadPage(index * ROWS_PER_PAGE, ROWS_PER_PAGE, controller.signal);
      if (controller.signal.aborted) return;
      const previous = this.pages.get(index);
      this.pages.delete(index);
      this.pages.set(index, { rows: previous ? keepNewerCells(data.rows, previous.rows) : data.rows });
      this.evict();
      this.onTableData(data);
      this.bump();
    } catch (error) {
      if (!controller.signal.aborted) this.onError(error);
    } finally {
      if (this.loading.get(index) === controller) this.loading.delete(index);
    }
  }

  private evict(): void {
    const shown = new Set(this.pageRange(this.wanted.first, this.wanted.last));
    for (const index of this.pages.keys()) {
      if (this.pages.size <= MAX_PAGES) return;
      if (!shown.has(index)) this.pages.delete(index);
    }
  }

  private touch(index: number): void {
    const page = this.pages.get(index);
    if (!page) return;
    this.pages.delete(index);
    this.pages.set(index, page);
  }

  private pageRange(first: number, last: number): number[] {
    if (last < first) return [];
    const pages: number[] = [];
    for (let index = Math.floor(first / ROWS_PER_PAGE); index <= Math.floor(last / ROWS_PER_PAGE); index++) pages.push(index);
    return pages;
  }

  private bump(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}

/**
 * A page fetched while changes were being pushed can be older than what is on screen; per cell,
 * the later `updated_at` wins so a refresh never puts a finished cell back to "running".
 */
function keepNewerCells(fetched: TableDataRow[], held: TableDataRow[]): TableDataRow[] {
  const heldById = new Map(held.map((row) => [row.id, row]));
  return fetched.map((row) => {
    const earlier = heldById.get(row.id);
    if (!earlier) return row;
    let data: TableDataRow['data'] | undefined;
    for (const [key, cell] of Object.entries(row.data)) {
      const heldCell = earlier.data[key];
      if (heldCell?.updated_at && cell.updated_at && heldCell.updated_at > cell.updated_at) {
        data ??= { ...row.data };
        data[key] = heldCell;
      }
    }
    return data ? { ...row, data } : row;
  });
}
