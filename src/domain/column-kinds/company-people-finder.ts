import { z } from 'zod';
import { commonFields } from './config-fields.ts';
import { defineColumnKind } from './column-kind-definition.ts';

/**
 * Finds people with given roles at each company and lists them in a child people table
 * (contract §3.5). Computed by an executor in `agents/people/`.
 */
export const companyPeopleFinderKind = defineColumnKind({
  kind: 'company_people_finder',
  schema: z.object({
    kind: z.literal('company_people_finder'),
    ...commonFields,
    value: z.object({
      roles: z.array(z.string().trim().min(1).max(200)).min(1).max(50),
      max_results: z.number().int().min(1).max(50).default(5),
      provider: z.string().nullish(),
    }),
  }),
  tableKinds: ['company'],
  availability: 'available',
  isOffered: true,
  executorKey: 'kind',
  display: { label: 'Find people', description: 'Finds people with given roles at each company, in a linked people table.', group: 'people' },
  waitsForBaselineContext: true,
  implicitDependencies: [],
  dependencies: () => [],
});
