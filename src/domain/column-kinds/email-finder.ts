import { z } from 'zod';
import { commonFields } from './config-fields.ts';
import { defineColumnKind } from './column-kind-definition.ts';
import { PERSON_LOOKUP_KEYS, personLookupIssues } from './person-lookup-columns.ts';

/** A provider lookup of a person's work email (contract §3.6). Not yet available: no agent computes it. */
export const emailFinderKind = defineColumnKind({
  kind: 'email_finder',
  schema: z.object({ kind: z.literal('email_finder'), ...commonFields }),
  tableKinds: ['people', 'generic'],
  availability: 'not_yet_available',
  isOffered: false,
  executorKey: 'kind',
  display: { label: 'Find work email', description: "Looks up each person's work email.", group: 'people' },
  waitsForBaselineContext: false,
  implicitDependencies: PERSON_LOOKUP_KEYS,
  dependencies: () => [],
  referenceIssues: (config, table, loc) => personLookupIssues(config.kind, table, loc),
});
