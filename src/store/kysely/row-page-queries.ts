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
} from '../../domain/row-query.ts';
import type { Database } from '../database-schema.ts';
import type { AnswerExpressions } from './answer-expressions.ts';
import { toRow } from './mappers.ts';
import type { RowPositionDirectory } from './row-position-directory.ts';

/**
 * One page of a table's rows under a filter, a search and/or a sort, in SQL on either engine.
 * Rows are read in table order (the (table_id, seq) index) or sort order, and every condition is
 * a probe of one cell by primary key, so a page stops as soon as it has its rows; a page after a
 * cursor starts where the previous one ended instead of walking the rows before it.
 */
export async function listRowPage(
  db: Kysely<Database>,
  answers: AnswerExpressions,
  request: RowPageRequest,
  directory: RowPositionDirectory | null,
): Promise<RowPageEntry<Row>[]> {
  const sort = request.sort;
  let query = db.selectFrom('rows as r').selectAll('r').where('r.table_id', '=', request.tableId);
  let offset = request.offset;
  if (directory && isPlainOrder(request) && !request.after) {
    // A random offset in table order starts at the nearest checkpoint instead of row 0.
    const place = await directory.seek(db, request.tableId, offset);
    if (place) {
      query = query.where('r.seq', '>=', place.fromSeq);
      offset = place.skip;
    }
  }
  for (const condition of request.conditions) query = query.where(conditionSql(request.tableId, answers, condition));
  if (request.search !== null) {
    const needle = request.search.toLowerCase();
    query = query.where(sql<SqlBool>`exists (select 1 from cells as f where f.row_id = r.id and ${answers.position(answers.text('f'), needle)} > 0)`);
  }
  if (sort === null) {
    if (request.after) query = query.where('r.seq', '>', request.after.seq);
    const rows = await query.orderBy('r.seq').limit(request.limit).offset(offset).execute();
    return rows.map((row) => ({ row: toRow(row), position: { seq: Number(row.seq), sortKey: null } }));
  }
  return listSortedPage(db, answers, request, sort);
}

/**
 * A sorted page, one sort group at a time (numbers, then text, then no value; see SortKey).
 * Within a group the order is (number, text) in the asked direction and then table order, which
 * the `cells_sort_keys` index (migration 0016) serves from the first entry after the cursor, so
 * a page reads about as many index entries as it has rows, not every row of the table (only the
 * ties of one key are sorted by seq). One query per group because the group goes ascending both
 * ways while the keys flip, and an index is read in one direction.
 */
async function listSortedPage(db: Kysely<Database>, answers: AnswerExpressions, request: RowPageRequest, sort: RowSort): Promise<RowPageEntry<Row>[]> {
  const after = request.after?.sortKey ? request.after : null;
  const entries: RowPageEntry<Row>[] = [];
  let skip = request.offset;
  for (const group of SORT_GROUPS) {
    if (after && group < after.sortKey!.group) continue;
    const wanted = request.limit - entries.length;
    if (wanted <= 0) break;
    const from = after && group === after.sortKey!.group ? after : null;
    const rows = await sortGroupPageQuery(db, answers, request, sort, group, from, wanted, skip).execute();
    for (const row of rows) {
      const { sort_number, sort_text, ...rest } = row;
      entries.push({ row: toRow(rest), position: { seq: Number(rest.seq), sortKey: { group, number: Number(sort_number), text: String(sort_text) } } });
    }
    if (rows.length > 0) skip = 0;
    else if (skip > 0) skip = Math.max(0, skip - (await countSortGroup(db, answers, request, sort, group, from)));
  }
  return entries;
}

const SORT_GROUPS = [0, 1, 2] as const;

/** Up to `limit` rows of one sort group in order, after `skip` of them (exported for the query-plan test). */
export function sortGroupPageQuery(
  db: Kysely<Database>,
  answers: AnswerExpressions,
  request: RowPageRequest,
  sort: RowSort,
  group: (typeof SORT_GROUPS)[number],
  after: RowPosition | null,
  limit: number,
  skip: number,
) {
  const direction = sql.raw(sort.descending ? 'desc' : 'asc');
  // Each group has one key (group 0: the number, its text is ''; group 1: the text, its number is
  // 0; group 2: neither), and only that key is ordered on: SQLite does not see that a key held
  // equal by the WHERE clause needs no ordering and would sort the whole group.
  let query = sortGroupQuery(db, answers, request, sort, group, after);
  if (group === 0) query = query.orderBy(sql`sort_number ${direction}`);
  if (group === 1) query = query.orderBy(sql`sort_text ${direction}`);
  return query.orderBy('seq').limit(limit).offset(skip);
}

/**
 * The rows of one sort group that meet the filter, after the cursor, as a subquery with columns
 * rows.*, sort_number and sort_text. Groups 0 and 1 are read from the sort-key index (cells
 * first: on SQLite a CROSS JOIN keeps that order, elsewhere the planner picks it for the limit);
 * group 2 (no cell, no value, or an empty answer) has no index entry and is read in table order.
 */
function sortGroupQuery(
  db: Kysely<Database>,
  answers: AnswerExpressions,
  request: RowPageRequest,
  sort: RowSort,
  group: (typeof SORT_GROUPS)[number],
  after: RowPosition | null,
) {
  const number = answers.sortNumber('s');
  const text = answers.sortText('s');
  if (group === 2) {
    let query = db
      .selectFrom('rows as r')
      .selectAll('r')
      .select([sql<number>`0`.as('sort_number'), sql<string>`''`.as('sort_text')])
      .where('r.table_id', '=', request.tableId)
      .where(
        sql<SqlBool>`not exists (select 1 from cells as s where s.row_id = r.id and s.column_id = ${sort.columnId} and s.value is not null and ${answers.sortGroup('s')} < 2)`,
      );
    query = filtered(query, answers, request);
    if (after) query = query.where('r.seq', '>', after.seq);
    return db.selectFrom(query.as('page')).selectAll();
  }
  let query = db
    .selectFrom('cells as s')
    .crossJoin('rows as r')
    .selectAll('r')
    .select([number.as('sort_number'), text.as('sort_text')])
    .where('s.column_id', '=', sort.columnId)
    .where(sql<SqlBool>`s.value is not null`)
    .where(sql<SqlBool>`${answers.sortGroup('s')} = ${sql.lit(group)}`)
    // Always true in group 1; it lets the index order by the text that follows the number.
    .$if(group === 1, (builder) => builder.where(sql<SqlBool>`${number} = ${sql.lit(0)}`))
    .whereRef('r.id', '=', 's.row_id')
    .where('r.table_id', '=', request.tableId);
  query = filtered(query, answers, request);
  if (after) query = query.where(afterInGroup(answers, after, sort.descending, group, { number, text }));
  return db.selectFrom(query.as('page')).selectAll();
}

async function countSortGroup(
  db: Kysely<Database>,
  answers: AnswerExpressions,
  request: RowPageRequest,
  sort: RowSort,
  group: (typeof SORT_GROUPS)[number],
  after: RowPosition | null,
): Promise<number> {
  const subquery = sortGroupQuery(db, answers, request, sort, group, after);
  const result = await db
    .selectFrom(subquery.as('matches'))
    .select((expression) => expression.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(result.count);
}

/** The filter's conditions and search as WHERE terms on `r`. */
function filtered<Query extends { where(expression: RawBuilder<SqlBool>): Query }>(query: Query, answers: AnswerExpressions, request: RowPageRequest): Query {
  for (const condition of request.conditions) query = query.where(conditionSql(request.tableId, answers, condition));
  if (request.search !== null) {
    const needle = request.search.toLowerCase();
    query = query.where(sql<SqlBool>`exists (select 1 from cells as f where f.row_id = r.id and ${answers.position(answers.text('f'), needle)} > 0)`);
  }
  return query;
}

/** How many rows of the table meet the filter and search (a scan: asked for once per filter by the grid, not per page). */
export async function countRowMatches(
  db: Kysely<Database>,
  answers: AnswerExpressions,
  request: Pick<RowPageRequest, 'tableId' | 'conditions' | 'search'>,
): Promise<number> {
  let query = db
    .selectFrom('rows as r')
    .select((expression) => expression.fn.countAll<number>().as('count'))
    .where('r.table_id', '=', request.tableId);
  for (const condition of request.conditions) query = query.where(conditionSql(request.tableId, answers, condition));
  if (request.search !== null) {
    const needle = request.search.toLowerCase();
    query = query.where(sql<SqlBool>`exists (select 1 from cells as f where f.row_id = r.id and ${answers.position(answers.text('f'), needle)} > 0)`);
  }
  return Number((await query.executeTakeFirstOrThrow()).count);
}

/**
 * Rows of `group` after `after` (which is in the same group) in (number, text, seq) order, spelled
 * out so either direction works. The lone bound on the group's key (number in group 0, text in
 * group 1) is what lets the index start at the cursor instead of at the group's first entry.
 */
function afterInGroup(
  answers: AnswerExpressions,
  after: RowPosition,
  descending: boolean,
  group: 0 | 1,
  keys: { number: RawBuilder<number>; text: RawBuilder<string> },
): RawBuilder<SqlBool> {
  const key = after.sortKey!;
  const beyond = sql.raw(descending ? '<' : '>');
  const from = sql.raw(descending ? '<=' : '>=');
  const text = answers.bytewise(key.text);
  const start = group === 0 ? sql`${keys.number} ${from} ${key.number}` : sql`${keys.text} ${from} ${text}`;
  return sql<SqlBool>`(${start} and (${keys.number} ${beyond} ${key.number} or (${keys.number} = ${key.number} and (${keys.text} ${beyond} ${text} or (${keys.text} = ${text} and r.seq > ${after.seq})))))`;
}

function conditionSql(tableId: string, answers: AnswerExpressions, condition: RowCondition): RawBuilder<SqlBool> {
  if (condition.kind === 'status' && condition.columnId === null) return anyCellWithStatus(tableId, condition.status);
  const columnId = condition.columnId!;
  return sql<SqlBool>`exists (select 1 from cells as f where f.row_id = r.id and f.column_id = ${columnId} and ${cellPredicate(answers, condition)})`;
}

/**
 * Rows with any computed cell in a status. Failed and out-of-date cells are read from their
 * partial indexes (the status is a literal so the planner can use them); the rest probe the row's cells.
 */
function anyCellWithStatus(tableId: string, status: CellStatusFilter): RawBuilder<SqlBool> {
  if (status === 'failed') return sql<SqlBool>`r.id in (select f.row_id from cells as f where f.table_id = ${tableId} and f.status = ${sql.lit('failed')})`;
  if (status === 'out_of_date') return sql<SqlBool>`r.id in (select f.row_id from cells as f where f.table_id = ${tableId} and f.stale is not null)`;
  return sql<SqlBool>`exists (select 1 from cells as f where f.row_id = r.id and f.is_input = 0 and ${statusPredicate(status)})`;
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
