import { sql, type Kysely } from 'kysely';
import type { MigrationEngine } from './migration-engine.ts';

// The sort index's text key holds the first 500 characters of a text answer, lower-cased, not
// all of it. Why: a PostgreSQL index entry must fit a third of a page (2,704 bytes, or 8,191 for
// the whole row before that check), and the key held the whole answer, so a cell whose text was
// long and did not compress (a pasted document, a long model answer) could not be written at all:
// its ingest or its ending failed with "index row requires … bytes" (a 500 to the client, or a
// batch of endings retried until the cells failed). 500 characters are at most 2,000 bytes. Texts
// alike for their first 500 characters sort as ties (in table order), the same on both engines,
// so SQLite's key is cut the same way.
// PostgreSQL's keys also read the answer fewer times (a CASE on its type reads it once): four
// casts of the value to jsonb per text answer instead of six.
// Spelled out here, not imported: a shipped migration must not change when the query code does.
// They must read exactly as answer-expressions.ts writes them (find-sort-index.test.ts checks the plans).
const SQLITE_ANSWER = `(case when is_input = 1 then json_extract(value, '$') else json_extract(value, '$.answer') end)`;
const SQLITE_KEYS = [
  `(case when ${SQLITE_ANSWER} is null then 2 when typeof(${SQLITE_ANSWER}) in ('integer', 'real') then 0 else 1 end)`,
  `(case when typeof(${SQLITE_ANSWER}) in ('integer', 'real') then ${SQLITE_ANSWER} else 0 end)`,
  `(case when typeof(${SQLITE_ANSWER}) = 'text' then lower(substr(${SQLITE_ANSWER}, 1, 500)) else '' end)`,
];
const POSTGRES_ANSWER = `(case when strpos(value, '\\u0000') > 0 or strpos(value, '\\ud') > 0 or strpos(value, '\\uD') > 0 then null when is_input = 1 then value::jsonb else value::jsonb -> 'answer' end)`;
const POSTGRES_KEYS = [
  `(case coalesce(jsonb_typeof(${POSTGRES_ANSWER}), 'null') when 'number' then 0 when 'null' then 2 else 1 end)`,
  `(case jsonb_typeof(${POSTGRES_ANSWER}) when 'number' then (${POSTGRES_ANSWER} #>> '{}')::float8 else 0 end)`,
  `((case coalesce(jsonb_typeof(${POSTGRES_ANSWER}), 'null') when 'number' then '' when 'null' then '' else lower(left(${POSTGRES_ANSWER} #>> '{}', 500)) end) collate "C")`,
];

export async function up(db: Kysely<unknown>, engine: MigrationEngine): Promise<void> {
  const keys = engine === 'sqlite' ? SQLITE_KEYS : POSTGRES_KEYS;
  await sql`drop index if exists cells_sort_keys`.execute(db);
  await sql`create index cells_sort_keys on cells (column_key, ${sql.raw(keys.join(', '))}) where value is not null`.execute(db);
  // Statistics of the new expressions, as 0016 gathered them for the old ones.
  if (engine === 'postgres') await sql`analyze cells`.execute(db);
}
