import { sql, type Kysely } from 'kysely';
import type { MigrationEngine } from './migration-engine.ts';

// Sorted pages that stop after their rows (issue 16.1). A sort orders a column's answers by
// (group, number, text) — see SortKey and answer-expressions.ts — and without an index on those
// keys every sorted page read the sort column's cell of every row. This index holds them as
// expressions over `cells.value`, so each engine computes them in the same statement that
// writes a value (ingest, an input edit, a completion, a cancelled run's restore) and no write
// path can forget them; the index build fills them in for cells that exist already.
// Partial on `value is not null`: a computed cell that has not run has no key (group 2), so
// ingesting rows adds index entries for their input cells only.
// The expressions are spelled out here, not imported: a shipped migration must not change when
// the query code does. They must read exactly as answer-expressions.ts writes them, or the
// planner will not match them (test/integration/find-sort-index.test.ts checks the plans).
const SQLITE_ANSWER = `(case when is_input = 1 then json_extract(value, '$') else json_extract(value, '$.answer') end)`;
const SQLITE_KEYS = [
  `(case when ${SQLITE_ANSWER} is null then 2 when typeof(${SQLITE_ANSWER}) in ('integer', 'real') then 0 else 1 end)`,
  `(case when typeof(${SQLITE_ANSWER}) in ('integer', 'real') then ${SQLITE_ANSWER} else 0 end)`,
  `(case when typeof(${SQLITE_ANSWER}) = 'text' then lower(${SQLITE_ANSWER}) else '' end)`,
];

// A value holding an escape jsonb refuses (\u0000, or a lone surrogate: JSON.stringify writes one
// as \udXXX, and writes paired ones as plain UTF-8) has no answer here, or writing it would fail.
const POSTGRES_ANSWER = `(case when strpos(value, '\\u0000') > 0 or strpos(value, '\\ud') > 0 or strpos(value, '\\uD') > 0 then null when is_input = 1 then value::jsonb else value::jsonb -> 'answer' end)`;
const POSTGRES_KEYS = [
  `(case when ${POSTGRES_ANSWER} is null or jsonb_typeof(${POSTGRES_ANSWER}) = 'null' then 2 when jsonb_typeof(${POSTGRES_ANSWER}) = 'number' then 0 else 1 end)`,
  `(case when jsonb_typeof(${POSTGRES_ANSWER}) = 'number' then (${POSTGRES_ANSWER} #>> '{}')::float8 else 0 end)`,
  `((case when jsonb_typeof(${POSTGRES_ANSWER}) not in ('number', 'null') then lower(${POSTGRES_ANSWER} #>> '{}') else '' end) collate "C")`,
];

export async function up(db: Kysely<unknown>, engine: MigrationEngine): Promise<void> {
  const keys = engine === 'sqlite' ? SQLITE_KEYS : POSTGRES_KEYS;
  await sql`create index cells_sort_keys on cells (column_id, ${sql.raw(keys.join(', '))}) where value is not null`.execute(db);
  if (engine === 'postgres') await sql`analyze cells`.execute(db);
}
