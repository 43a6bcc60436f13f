import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Row } from '../../domain/records.ts';
import {
  isPlainOrder,
  type CellStatusFilter,
  type RowCondition,
  type RowPageEntry,
  type RowPageRequest,
  type RowPosition,
  type RowSort,
  type SortKey,
} from '../../domain/row-query.ts';
import type { Database } from '../database-schema.ts';
import { isComputedColumn } from './absent-cells.ts';
import { columnKeyOf, tableKeyOf } from './cell-keys.ts';
import type { AnswerExpressions } from './answer-expressions.ts';
import { toRow } from './mappers.ts';
import type { RowPositionDirectory } from './row-position-directory.ts';

/**
 * One page of a table's rows under a filter, a search and/or a sort, in SQL on either engine.
 * Rows are read in table order (the (table_id, seq) index) or sort order, and every condition is
 * a probe of one cell by primary key, so a page stops as soon as it has its rows; a page after a
 * cursor starts where the previous one ended instead of walking the rows before it. Cells are keyed
 * by (row_key, column_key) (0022): a condition on a column id reads that column's key by a scalar
 * subquery, which both engines evaluate once per statement and use as an index bound.
 */
export async function listRowPage(
  db: Kysely<Database>,
  answers: AnswerExpressions,
  request: RowPageRequest,
  directory: RowPositionDirectory | null,
): Promise<RowPageEntry<Row>[]> {
  const sort = request.sort;
  let query = filteredRows(db, answers, request, sort === null && (await hasFewLookupMatches(db, answers, request)));
  let offset = request.offset;
  if (directory && isPlainOrder(request) && !request.after) {
    // A random offset in table order starts at the nearest checkpoint instead of row 0.
    const place = await directory.seek(db, request.tableId, offset);
    if (place) {
      query = query.where('r.seq', '>=', place.fromSeq);
      offset = place.skip;
    }
  }
  if (sort === null) {
    if (request.after) query = query.where('r.seq', '>', request.after.seq);
    const rows = await query.orderBy('r.seq').limit(request.limit).offset(offset).execute();
    return rows.map((row) => ({ row: toRow(row, request.tableId), position: { seq: Number(row.seq), sortKey: null } }));
  }
  return listSortedPage(db, answers, request, sort);
}

type RowFilter = Pick<RowPageRequest, 'tableId' | 'conditions' | 'search'>;

/**
 * The table's rows that meet the filter and search, in no order yet (exported for the query-plan
 * test). With `isLookup`, the `equals` conditions that the sort index can answer drive the read:
 * their rows are looked up there and read by key (see `hasFewLookupMatches` for when).
 */
export function filteredRows(db: Kysely<Database>, answers: AnswerExpressions, request: RowFilter, isLookup: boolean) {
  const rows = db
    .selectFrom('rows as r')
    .selectAll('r')
    .where(ofTable(db, answers, request, isLookup));
  return filtered(rows, answers, request, sql.ref('r.key'), isLookup);
}

/**
 * `r` is a row of the request's table. When lookups drive the read, the table's own index is kept
 * out of the plan (unary plus): SQLite, having no statistics, read every row of the table in order
 * and probed the lookup's few rows for each (60 ms a page at 1,000,000 rows) instead of reading
 * those rows by key (0.3 ms).
 */
function ofTable(db: Kysely<Database>, answers: AnswerExpressions, request: RowFilter, isLookup: boolean): RawBuilder<SqlBool> {
  const tableKey = isLookup && lookupConditions(answers, request).length > 0 ? sql`+r.table_key` : sql.ref('r.table_key');
  return sql<SqlBool>`${tableKey} = ${tableKeyOf(db, request.tableId)}`;
}

/** Conditions the sort index answers: `equals` on a text it keys (`AnswerExpressions.equalsTextKey`). */
function lookupConditions(answers: AnswerExpressions, request: RowFilter): { condition: RowCondition & { kind: 'equals' }; textKey: string }[] {
  return request.conditions.flatMap((condition) => {
    const textKey = condition.kind === 'equals' ? answers.equalsTextKey(condition.value) : null;
    return condition.kind === 'equals' && textKey !== null ? [{ condition, textKey }] : [];
  });
}

/** Beyond this many rows of a lookup, a page reads the table in order instead (see below). */
const LOOKUP_ROWS = 2_000;

/**
 * Whether an `equals` lookup finds fewer than `limit` rows (counted in the sort index, at most
 * `limit` entries read). Then the page reads those rows by key; otherwise the rows in table order,
 * each cell tested, stop at the page's end. Few matches: reading in order walked the whole table
 * (582 ms at 1,000,000 rows for one domain). Many: the lookup read every match to keep 100 (50 ms
 * at 200,000 rows for a value a fifth of them hold, against 5 ms in order).
 */
export async function hasFewLookupMatches(db: Kysely<Database>, answers: AnswerExpressions, request: RowFilter, limit = LOOKUP_ROWS): Promise<boolean> {
  const [lookup] = lookupConditions(answers, request);
  if (!lookup) return false;
  const entries = await sql<{
    one: number;
  }>`select 1 as one from cells as f where ${lookupMatch(answers, lookup.condition, lookup.textKey)} limit ${limit}`.execute(db);
  return entries.rows.length < limit;
}

/** The cells `f` whose sort key is `textKey` and that meet the `equals` condition (read from `cells_sort_keys`). */
function lookupMatch(answers: AnswerExpressions, condition: RowCondition & { kind: 'equals' }, textKey: string): RawBuilder<SqlBool> {
  const columnKey = sql`(select c.column_key from columns as c where c.id = ${condition.columnId})`;
  return sql<SqlBool>`f.column_key = ${columnKey} and f.value is not null and ${answers.sortGroup('f')} = ${sql.lit(1)} and ${answers.sortNumber('f')} = ${sql.lit(0)} and ${answers.sortText('f')} = ${answers.bytewise(textKey)} and ${cellPredicate(answers, condition)}`;
}

/**
 * A sorted page, one sort group at a time (numbers, then text, then no value; see SortKey): the
 * group goes ascending both ways while the key flips, and an index is read in one direction.
 * Within a group the order is the group's key in the asked direction, then table order (seq).
 */
async function listSortedPage(db: Kysely<Database>, answers: AnswerExpressions, request: RowPageRequest, sort: RowSort): Promise<RowPageEntry<Row>[]> {
  const after = request.after?.sortKey ? request.after : null;
  const wanted = request.offset + request.limit;
  const places: SortedPlace[] = [];
  for (const group of SORT_GROUPS) {
    if (places.length >= wanted) break;
    if (after && group < after.sortKey!.group) continue;
    const from = after && group === after.sortKey!.group ? after : null;
    const need = wanted - places.length;
    places.push(
      ...(group === 2 ? await readEmptyGroup(db, answers, request, sort, from, need) : await readKeyedGroup(db, answers, request, sort, group, from, need)),
    );
  }
  const page = places.slice(request.offset, wanted);
  const rows = new Map<number, Row>();
  for (let start = 0; start < page.length; start += 500) {
    const keys = page.slice(start, start + 500).map((place) => place.rowKey);
    for (const row of await db.selectFrom('rows').selectAll().where('key', 'in', keys).execute()) rows.set(Number(row.key), toRow(row, request.tableId));
  }
  // A row deleted between the two reads is left out of the page.
  return page.flatMap((place) => {
    const row = rows.get(place.rowKey);
    return row ? [{ row, position: { seq: place.seq, sortKey: place.sortKey } }] : [];
  });
}

const SORT_GROUPS = [0, 1, 2] as const;
type KeyedGroup = 0 | 1;

interface SortedPlace {
  rowKey: number;
  seq: number;
  sortKey: SortKey;
}

/**
 * Up to `need` rows of group 0 (numbers) or 1 (text) in order, from the `cells_sort_keys` index
 * (migration 0016). The index is read in key order only, from the cursor on, so the engine stops
 * after about as many entries as the page has rows and never sorts (PostgreSQL, misjudging how
 * many entries match, preferred a sort of the whole column when table order was part of ORDER BY).
 * Table order within a key is applied here: all keys but the last read are complete, and the
 * last one's ties are read whole by a second query. The filter probes cells by the index entry's
 * row id; the rows themselves are read for the page only.
 */
async function readKeyedGroup(
  db: Kysely<Database>,
  answers: AnswerExpressions,
  request: RowPageRequest,
  sort: RowSort,
  group: KeyedGroup,
  after: RowPosition | null,
  need: number,
): Promise<SortedPlace[]> {
  const first = await sortGroupPageQuery(db, answers, request, sort, group, after, need).execute();
  if (first.length === 0) return [];
  const keyOf = (entry: { sort_number: unknown; sort_text: unknown }) => (group === 0 ? Number(entry.sort_number) : String(entry.sort_text));
  const lastKey = keyOf(first.at(-1)!);
  let entries = first;
  if (first.length === need) {
    const ties = await sortGroupEntries(db, answers, request, sort, group, after)
      .where(
        group === 0 ? sql<SqlBool>`${answers.sortNumber('s')} = ${lastKey}` : sql<SqlBool>`${answers.sortText('s')} = ${answers.bytewise(String(lastKey))}`,
      )
      .execute();
    entries = [...first.filter((entry) => keyOf(entry) !== lastKey), ...ties];
  }
  const seqs = await seqsOf(
    db,
    entries.map((entry) => Number(entry.row_key)),
  );
  const places: SortedPlace[] = [];
  // Entries come in key order; within a run of one key, table order.
  let run: SortedPlace[] = [];
  let runKey: number | string | undefined;
  const flush = () => places.push(...run.sort((left, right) => left.seq - right.seq));
  for (const entry of entries) {
    const seq = seqs.get(Number(entry.row_key));
    if (seq === undefined) continue;
    const key = keyOf(entry);
    if (key !== runKey) {
      flush();
      run = [];
      runKey = key;
    }
    run.push({ rowKey: Number(entry.row_key), seq, sortKey: { group, number: Number(entry.sort_number), text: String(entry.sort_text) } });
  }
  flush();
  return places.slice(0, need);
}

const SEQ_CHUNK = 5_000;

async function seqsOf(db: Kysely<Database>, rowKeys: number[]): Promise<Map<number, number>> {
  const seqs = new Map<number, number>();
  // Chunks well under both engines' bound-parameter limits; a key with thousands of ties (a column of
  // "Not found" answers) costs a few round trips, not hundreds.
  for (let start = 0; start < rowKeys.length; start += SEQ_CHUNK) {
    const rows = await db
      .selectFrom('rows')
      .select(['key', 'seq'])
      .where('key', 'in', rowKeys.slice(start, start + SEQ_CHUNK))
      .execute();
    for (const row of rows) seqs.set(Number(row.key), Number(row.seq));
  }
  return seqs;
}

/** Up to `limit` index entries of one keyed sort group in key order from the cursor (exported for the query-plan test). */
export function sortGroupPageQuery(
  db: Kysely<Database>,
  answers: AnswerExpressions,
  request: RowPageRequest,
  sort: RowSort,
  group: KeyedGroup,
  after: RowPosition | null,
  limit: number,
) {
  const direction = sql.raw(sort.descending ? 'desc' : 'asc');
  // Only the group's own key is ordered on (the other is constant in the group): SQLite does not
  // see that a key held equal by the WHERE clause needs no ordering and would sort the whole group.
  return sortGroupEntries(db, answers, request, sort, group, after)
    .orderBy(group === 0 ? sql`${answers.sortNumber('s')} ${direction}` : sql`${answers.sortText('s')} ${direction}`)
    .limit(limit);
}

/** The index entries of one keyed sort group that meet the filter, at or beyond the cursor's key. */
function sortGroupEntries(
  db: Kysely<Database>,
  answers: AnswerExpressions,
  request: RowPageRequest,
  sort: RowSort,
  group: KeyedGroup,
  after: RowPosition | null,
) {
  const number = answers.sortNumber('s');
  const text = answers.sortText('s');
  let query = db
    .selectFrom('cells as s')
    .select(['s.row_key', number.as('sort_number'), text.as('sort_text')])
    .where('s.column_key', '=', columnKeyOf(db, sort.columnId))
    .where(sql<SqlBool>`s.value is not null`)
    .where(sql<SqlBool>`${answers.sortGroup('s')} = ${sql.lit(group)}`)
    // Always true in group 1; it lets the index order by the text that follows the number.
    .$if(group === 1, (builder) => builder.where(sql<SqlBool>`${number} = ${sql.lit(0)}`));
  query = filtered(query, answers, request, sql.ref('s.row_key'));
  if (after) {
    const from = sql.raw(sort.descending ? '<=' : '>=');
    const key = after.sortKey!;
    const beyond = sql.raw(sort.descending ? '<' : '>');
    const [keyed, value] = group === 0 ? [number, sql`${key.number}`] : [text, answers.bytewise(key.text)];
    // The lone bound is where the index starts; rows tied with the cursor's key follow it only past its seq.
    query = query
      .where(sql<SqlBool>`${keyed} ${from} ${value}`)
      .where(sql<SqlBool>`(${keyed} ${beyond} ${value} or (select tied.seq from rows as tied where tied.key = s.row_key) > ${after.seq})`);
  }
  return query;
}

/** Up to `need` rows with no value in the sort column (group 2), in table order after the cursor. */
async function readEmptyGroup(
  db: Kysely<Database>,
  answers: AnswerExpressions,
  request: RowPageRequest,
  sort: RowSort,
  after: RowPosition | null,
  need: number,
): Promise<SortedPlace[]> {
  let query = db
    .selectFrom('rows as r')
    .select(['r.key', 'r.seq'])
    .where('r.table_key', '=', tableKeyOf(db, request.tableId))
    .where(
      sql<SqlBool>`not exists (select 1 from cells as s where s.row_key = r.key and s.column_key = ${columnKeyOf(db, sort.columnId)} and s.value is not null and ${answers.sortGroup('s')} < 2)`,
    );
  query = filtered(query, answers, request, sql.ref('r.key'));
  if (after) query = query.where('r.seq', '>', after.seq);
  const rows = await query.orderBy('r.seq').limit(need).execute();
  return rows.map((row) => ({ rowKey: Number(row.key), seq: Number(row.seq), sortKey: { group: 2, number: 0, text: '' } }));
}

/** The filter's conditions and search as WHERE terms on the row whose key is `rowKey`. */
function filtered<Query extends { where(expression: RawBuilder<SqlBool>): Query }>(
  query: Query,
  answers: AnswerExpressions,
  request: RowFilter,
  rowKey: RawBuilder<unknown>,
  isLookup = false,
): Query {
  for (const condition of request.conditions) query = query.where(conditionSql(request.tableId, answers, condition, rowKey, isLookup));
  if (request.search !== null) {
    const needle = request.search.toLowerCase();
    query = query.where(sql<SqlBool>`exists (select 1 from cells as f where f.row_key = ${rowKey} and ${answers.position(answers.text('f'), needle)} > 0)`);
  }
  return query;
}

/**
 * How many rows of the table meet the filter and search (a scan: asked for once per filter by the
 * grid, not per page; an `equals` lookup reads only its matches, never more than the table).
 */
export async function countRowMatches(db: Kysely<Database>, answers: AnswerExpressions, request: RowFilter): Promise<number> {
  const rows = db
    .selectFrom('rows as r')
    .select((expression) => expression.fn.countAll<number>().as('count'))
    .where(ofTable(db, answers, request, true));
  return Number((await filtered(rows, answers, request, sql.ref('r.key'), true).executeTakeFirstOrThrow()).count);
}

function conditionSql(
  tableId: string,
  answers: AnswerExpressions,
  condition: RowCondition,
  rowKey: RawBuilder<unknown>,
  isLookup: boolean,
): RawBuilder<SqlBool> {
  if (condition.kind === 'status' && condition.columnId === null) return anyCellWithStatus(tableId, condition.status, rowKey);
  const columnKey = sql`(select c.column_key from columns as c where c.id = ${condition.columnId!})`;
  const textKey = isLookup && condition.kind === 'equals' ? answers.equalsTextKey(condition.value) : null;
  // The rows whose cell has this sort key, from the sort index, then tested exactly.
  if (condition.kind === 'equals' && textKey !== null)
    return sql<SqlBool>`${rowKey} in (select f.row_key from cells as f where ${lookupMatch(answers, condition, textKey)})`;
  const predicate = cellPredicate(answers, condition);
  if (!holdsForAbsentCell(condition))
    return sql<SqlBool>`exists (select 1 from cells as f where f.row_key = ${rowKey} and f.column_key = ${columnKey} and ${predicate})`;
  // An absent cell is `created` with no value: "not run" and "empty" match it. A row has one cell
  // of a column, so "the cell is absent or meets it" is "no stored cell fails it": one probe. (As
  // "exists … or not exists …", PostgreSQL hashed the first test over every cell of the column,
  // once per page: 45 ms at 1,000,000 rows.)
  return sql<SqlBool>`not exists (select 1 from cells as f where f.row_key = ${rowKey} and f.column_key = ${columnKey} and not coalesce(${predicate}, false))`;
}

/** Whether a condition holds for a cell that is not stored (`created`, no value, not out of date). */
function holdsForAbsentCell(condition: RowCondition): boolean {
  return (condition.kind === 'status' && condition.status === 'not_run') || condition.kind === 'empty';
}

/**
 * Rows with any computed cell in a status. Failed and out-of-date cells are read from their
 * partial indexes (the status is a literal so the planner can use them); the rest probe the row's cells.
 */
function anyCellWithStatus(tableId: string, status: CellStatusFilter, rowKey: RawBuilder<unknown>): RawBuilder<SqlBool> {
  // The table's cells are its columns' cells: the partial indexes lead with the column key (0022).
  const columnKeys = sql`(select c.column_key from columns as c where c.table_id = ${tableId})`;
  if (status === 'failed')
    return sql<SqlBool>`${rowKey} in (select f.row_key from cells as f where f.column_key in ${columnKeys} and f.status = ${sql.lit('failed')})`;
  if (status === 'out_of_date')
    return sql<SqlBool>`${rowKey} in (select f.row_key from cells as f where f.column_key in ${columnKeys} and f.stale is not null)`;
  if (status !== 'not_run')
    return sql<SqlBool>`exists (select 1 from cells as f where f.row_key = ${rowKey} and f.is_input = 0 and ${statusPredicate(status)})`;
  // A computed column's cell is not run when it is `created` or not stored: when no stored cell of
  // it is anything else (one probe a column; see conditionSql for why not "exists … or …").
  return sql<SqlBool>`exists (select 1 from columns as c where c.table_id = ${tableId} and ${isComputedColumn('c')} and not exists (select 1 from cells as f where f.row_key = ${rowKey} and f.column_key = c.column_key and f.status <> ${sql.lit('created')}))`;
}

function statusPredicate(status: CellStatusFilter): RawBuilder<SqlBool> {
  switch (status) {
    case 'failed':
      return sql<SqlBool>`f.status = ${sql.lit('failed')}`;
    case 'not_run':
      return sql<SqlBool>`f.status = ${sql.lit('created')}`;
    case 'running':
      return sql<SqlBool>`f.status in (${sql.lit('requested')}, ${sql.lit('in_progress')})`;
    case 'out_of_date':
      return sql<SqlBool>`f.stale is not null`;
    case 'done':
      return sql<SqlBool>`(f.status = ${sql.lit('done')} and f.stale is null)`;
  }
}

function cellPredicate(answers: AnswerExpressions, condition: RowCondition): RawBuilder<SqlBool> {
  switch (condition.kind) {
    case 'status':
      return statusPredicate(condition.status);
    case 'contains':
      return sql<SqlBool>`${answers.position(answers.text('f'), condition.text.toLowerCase())} > 0`;
    case 'equals':
      return sql<SqlBool>`${answers.lower(answers.text('f'), condition.value)} = ${condition.value.toLowerCase()}`;
    case 'one_of':
      return answers.includesLabel(
        'f',
        condition.labels.map((label) => label.toLowerCase()),
      );
    case 'not_found':
      return sql<SqlBool>`lower(${answers.text('f')}) in ('not found', 'n/a')`;
    case 'empty':
      return sql<SqlBool>`(${answers.text('f')} is null or ${answers.text('f')} = '')`;
    case 'range':
      return rangePredicate(answers, condition.min, condition.max);
  }
}

function rangePredicate(answers: AnswerExpressions, min: number | string | null, max: number | string | null): RawBuilder<SqlBool> {
  const parts: RawBuilder<SqlBool>[] = [];
  if (typeof min === 'number' || typeof max === 'number') {
    const value = answers.number('f');
    if (min !== null) parts.push(sql<SqlBool>`${value} >= ${min}`);
    if (max !== null) parts.push(sql<SqlBool>`${value} <= ${max}`);
  } else {
    const value = answers.string('f');
    if (min !== null) parts.push(sql<SqlBool>`${value} >= ${answers.bytewise(min)}`);
    // A date prefix as the upper bound includes all of it: max "2024-06" keeps "2024-06-30".
    if (max !== null) parts.push(sql<SqlBool>`substr(${value}, 1, ${max.length}) <= ${answers.bytewise(max)}`);
  }
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}
