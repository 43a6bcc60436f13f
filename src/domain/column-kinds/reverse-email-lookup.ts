import { z } from 'zod';
import { commonFields, keySchema } from './config-fields.ts';
import { defineColumnKind, unknownKeyIssue } from './column-kind-definition.ts';

/** The person behind an email held in another column (contract §3.7). Computed by an executor in `agents/people/`. */
export const reverseEmailLookupKind = defineColumnKind({
  kind: 'reverse_email_lookup',
  schema: z.object({ kind: z.literal('reverse_email_lookup'), ...commonFields, email_column_key: keySchema }),
  tableKinds: ['company', 'people', 'generic'],
  availability: 'available',
  isOffered: true,
  executorKey: 'kind',
  display: { label: 'Profile from email', description: 'Finds the person behind an email address.', group: 'people' },
  waitsForBaselineContext: false,
  implicitDependencies: [],
  dependencies: (config) => [config.email_column_key],
  referenceIssues: (config, table, loc) =>
    table.keys.has(config.email_column_key) ? [] : [unknownKeyIssue([...loc, 'email_column_key'], config.email_column_key, 'email_column_key', table.keys)],
});
