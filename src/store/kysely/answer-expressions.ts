import { sql, type RawBuilder } from 'kysely';

/**
 * SQL for reading a cell's answer, on each engine: the raw value of input cells, `value.answer`
 * of computed ones (values are JSON text on both). Sort keys never hold NULL (see SortKey), so
 * keyset comparisons read the same on both engines.
 */
export interface AnswerExpressions {
  /** The answer as text (JSON text for arrays and objects), or NULL. */
  text(alias: string): RawBuilder<unknown>;
  /** 0 number, 1 anything else with a value, 2 no value. */
  sortGroup(alias: string): RawBuilder<number>;
  /** The number for group 0, else 0. */
  sortNumber(alias: string): RawBuilder<number>;
  /** Lower-cased text (its first 500 characters) for group 1, else ''; compared byte by byte on both engines. */
  sortText(alias: string): RawBuilder<string>;
  /** The answer as a number when it is one, else NULL. */
  number(alias: string): RawBuilder<number | null>;
  /** The answer when it is a string, else NULL (byte-wise comparable). */
  string(alias: string): RawBuilder<string | null>;
  /** True when the answer is, or (for lists) includes, one of these lower-cased labels. */
  includesLabel(alias: string, labels: string[]): RawBuilder<boolean>;
  /** Position of `needle` in `haystack`, 0 when absent (`instr` / `strpos`). */
  position(haystack: RawBuilder<unknown>, needle: string): RawBuilder<number>;
  /** Lower case of `text`, folding every letter `sample` (the other side of the comparison) could hold. */
  lower(text: RawBuilder<unknown>, sample: string): RawBuilder<unknown>;
  /** A text literal compared byte by byte. */
  bytewise(value: string): RawBuilder<string>;
  /**
   * The sort key (`sortText`) every answer that `equals` `value` has, so the condition can be read
   * from the sort index instead of testing every row; null when no key tells: a value a number's
   * text could be (numbers are keyed by `sortNumber`), one longer than the key, or on SQLite one
   * with letters beyond ASCII (its key folds ASCII only, the condition all of Unicode).
   */
  equalsTextKey(value: string): string | null;
}

const ref = (alias: string, column: string) => sql.ref(`${alias}.${column}`);

/**
 * A text answer sorts by its first 500 characters, lower-cased: the sort index holds that key, and
 * a PostgreSQL index entry cannot hold a long text (migration 0027). Longer texts alike that far tie.
 */
const SORT_TEXT_CHARACTERS = 500;

/**
 * equalsTextKey on an engine whose `lower` in the key is the condition's for `value`: an answer
 * equal to `value` once lower-cased is at most as long as it (folding never shortens a text), so
 * its key is all of it, lower-cased: `value` lower-cased.
 */
function equalsTextKeyOf(value: string): string | null {
  if (/^[-+.0-9eE]+$/.test(value) && /[0-9]/.test(value)) return null;
  const key = value.toLowerCase();
  return [...key].length <= SORT_TEXT_CHARACTERS ? key : null;
}

export const sqliteAnswers: AnswerExpressions = {
  text: (alias) =>
    sql`(case when ${ref(alias, 'is_input')} = 1 then json_extract(${ref(alias, 'value')}, '$') else json_extract(${ref(alias, 'value')}, '$.answer') end)`,
  sortGroup: (alias) => {
    const answer = sqliteAnswers.text(alias);
    return sql<number>`(case when ${answer} is null then 2 when typeof(${answer}) in ('integer', 'real') then 0 else 1 end)`;
  },
  sortNumber: (alias) => {
    const answer = sqliteAnswers.text(alias);
    return sql<number>`(case when typeof(${answer}) in ('integer', 'real') then ${answer} else 0 end)`;
  },
  sortText: (alias) => {
    const answer = sqliteAnswers.text(alias);
    return sql<string>`(case when typeof(${answer}) = 'text' then lower(substr(${answer}, 1, ${sql.lit(SORT_TEXT_CHARACTERS)})) else '' end)`;
  },
  number: (alias) => {
    const answer = sqliteAnswers.text(alias);
    return sql<number | null>`(case when typeof(${answer}) in ('integer', 'real') then ${answer} end)`;
  },
  string: (alias) => {
    const answer = sqliteAnswers.text(alias);
    return sql<string | null>`(case when typeof(${answer}) = 'text' then ${answer} end)`;
  },
  // json_each of a scalar yields the scalar itself, so one form serves select and multiselect.
  includesLabel: (alias, labels) =>
    sql<boolean>`exists (select 1 from json_each(${ref(alias, 'value')}, case when ${ref(alias, 'is_input')} = 1 then '$' else '$.answer' end) as element where ${labels.every(isAscii) ? sql`lower(element.value)` : sql`unicode_lower(element.value)`} in (${sql.join(labels)}))`,
  // lower() is enough for an ASCII needle (only ASCII letters can match it); others need the
  // Unicode fold registered on the connection, which costs a call into JavaScript per cell.
  position: (haystack, needle) =>
    isAscii(needle) ? sql<number>`instr(lower(${haystack}), ${needle})` : sql<number>`instr(unicode_lower(${haystack}), ${needle})`,
  lower: (text, sample) => (isAscii(sample) ? sql`lower(${text})` : sql`unicode_lower(${text})`),
  bytewise: (value) => sql<string>`${value}`,
  equalsTextKey: (value) => (isAscii(value) ? equalsTextKeyOf(value) : null),
};

// jsonb refuses escapes that cell JSON may hold (text is kept as sent): \u0000, and a lone
// surrogate, which JSON.stringify writes as \udXXX (paired ones it writes as plain UTF-8). The
// cast would fail the whole statement: such a value reads as no answer here. The sort-key index
// (migration 0016) holds this exact expression, so a write of one never fails either.
const postgresJson = (alias: string) =>
  sql`(case when strpos(${ref(alias, 'value')}, '\\u0000') > 0 or strpos(${ref(alias, 'value')}, '\\ud') > 0 or strpos(${ref(alias, 'value')}, '\\uD') > 0 then null when ${ref(alias, 'is_input')} = 1 then ${ref(alias, 'value')}::jsonb else ${ref(alias, 'value')}::jsonb -> 'answer' end)`;

export const postgresAnswers: AnswerExpressions = {
  text: (alias) => sql`(${postgresJson(alias)} #>> '{}')`,
  // A CASE on the answer's type casts the value to jsonb once for the test (each other mention casts it again).
  sortGroup: (alias) => {
    const json = postgresJson(alias);
    return sql<number>`(case coalesce(jsonb_typeof(${json}), 'null') when 'number' then 0 when 'null' then 2 else 1 end)`;
  },
  sortNumber: (alias) => {
    const json = postgresJson(alias);
    return sql<number>`(case jsonb_typeof(${json}) when 'number' then (${json} #>> '{}')::float8 else 0 end)`;
  },
  sortText: (alias) => {
    const json = postgresJson(alias);
    return sql<string>`(case coalesce(jsonb_typeof(${json}), 'null') when 'number' then '' when 'null' then '' else lower(left(${json} #>> '{}', ${sql.lit(SORT_TEXT_CHARACTERS)})) end) collate "C"`;
  },
  // CASE, not AND: PostgreSQL does not promise to test the type before the cast.
  number: (alias) => {
    const json = postgresJson(alias);
    return sql<number | null>`(case when jsonb_typeof(${json}) = 'number' then (${json} #>> '{}')::float8 end)`;
  },
  string: (alias) => {
    const json = postgresJson(alias);
    return sql<string | null>`(case when jsonb_typeof(${json}) = 'string' then ${json} #>> '{}' end) collate "C"`;
  },
  includesLabel: (alias, labels) => {
    const json = postgresJson(alias);
    return sql<boolean>`exists (select 1 from jsonb_array_elements_text(case when jsonb_typeof(${json}) = 'array' then ${json} else jsonb_build_array(${json}) end) as element(value) where lower(element.value) in (${sql.join(labels)}))`;
  },
  position: (haystack, needle) => sql<number>`strpos(lower(${haystack}), ${needle})`,
  lower: (text) => sql`lower(${text})`,
  bytewise: (value) => sql<string>`${value}::text collate "C"`,
  equalsTextKey: equalsTextKeyOf,
};

function isAscii(text: string): boolean {
  return /^[\x00-\x7f]*$/.test(text);
}
