import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Row } from '../../domain/records.ts';
import { isPlainOrder, type CellStatusFilter, type RowCondition, type RowPageEntry, type RowPageRequest, type RowPosition } from '../../domain/row-query.ts';
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
  const group = answers.sortGroup('s');
  const number = answers.sortNumber('s');
  const text = answers.sortText('s');
  const direction = sort.descending ? sql.raw('desc') : sql.raw('asc');
  let sorted = query
    .leftJoin('cells as s', (join) => join.onRef('s.row_id', '=', 'r.id').on('s.column_id', '=', sort.columnId))
    .select([group.as('sort_group'), number.as('sort_number'), text.as('sort_text')]);
  if (request.after?.sortKey) sorted = sorted.where(afterSortKey(answers, request.after, sort.descending, { group, number, text }));
  const rows = await sorted
    .orderBy(sql`sort_group`)
    .orderBy(sql`sort_number ${direction}`)
    .orderBy(sql`sort_text ${direction}`)
    .orderBy('r.seq')
    .limit(request.limit)
    .offset(request.offset)
    .execute();
  return rows.map((row) => ({
    row: toRow(row),
    position: { seq: Number(row.seq), sortKey: { group: Number(row.sort_group), number: Number(row.sort_number), text: String(row.sort_text) } },
  }));
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

/** Rows after `after` in (group asc, number, text, seq asc) order, spelled out so either direction works. */
function afterSortKey(
  answers: AnswerExpressions,
  after: RowPosition,
  descending: boolean,
  keys: { group: RawBuilder<number>; number: RawBuilder<number>; text: RawBuilder<string> },
): RawBuilder<SqlBool> {
  const key = after.sortKey!;
  const beyond = sql.raw(descending ? '<' : '>');
  const text = answers.bytewise(key.text);
  return sql<SqlBool>`(${keys.group} > ${key.group} or (${keys.group} = ${key.group} and (${keys.number} ${beyond} ${key.number} or (${keys.number} = ${key.number} and (${keys.text} ${beyond} ${text} or (${keys.text} = ${text} and r.seq > ${after.seq}))))))`;
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
