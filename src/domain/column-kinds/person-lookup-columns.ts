import type { ValidationIssue } from '../errors.ts';
import type { ColumnTable, Location } from './column-kind-definition.ts';

/** What the email and phone finders read from each row (contract §3.6). */
export const PERSON_LOOKUP_KEYS = ['full_name', 'profile_url', 'company_website'] as const;

/**
 * The finders need `full_name`, `profile_url` and `company_website` in the row; a child people
 * table reads `company_website` from its parent company row instead.
 */
export function personLookupIssues(kind: string, table: ColumnTable, loc: Location): ValidationIssue[] {
  const required = table.hasParentTable ? PERSON_LOOKUP_KEYS.filter((key) => key !== 'company_website') : PERSON_LOOKUP_KEYS;
  const missing = required.filter((key) => !table.keys.has(key));
  if (missing.length === 0) return [];
  return [
    {
      loc: [...loc, 'kind'],
      msg: `${kind} needs columns keyed ${missing.map((key) => `'${key}'`).join(', ')} in this table (company_website can be an input column)`,
      type: 'value_error',
    },
  ];
}
