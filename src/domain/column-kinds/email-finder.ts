import { z } from 'zod';
import { commonFields } from './config-fields.ts';
import { defineColumnKind } from './column-kind-definition.ts';
import { PERSON_LOOKUP_KEYS, personLookupIssues } from './person-lookup-columns.ts';

/** A provider lookup of a person's work email (contract §3.6). Computed by an executor in `agents/people/`. */
export const emailFinderKind = defineColumnKind({
  kind: 'email_finder',
  schema: z.object({ kind: z.literal('email_finder'), ...commonFields }),
  tableKinds: ['people', 'generic'],
  availability: 'available',
  isOffered: true,
  executorKey: 'kind',
  display: { label: 'Find work email', description: "Looks up each person's work email.", group: 'people' },
  waitsForBaselineContext: false,
  implicitDependencies: PERSON_LOOKUP_KEYS,
  dependencies: () => [],
  referenceIssues: (config, table, loc) => personLookupIssues(config.kind, table, loc),
});
