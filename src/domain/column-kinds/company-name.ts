import { defineColumnKind } from './column-kind-definition.ts';
import { freeformConfigSchema } from './config-fields.ts';

/** Built-in on company tables: the company's name, read from its profile (contract §3.8). */
export const companyNameKind = defineColumnKind({
  kind: 'company_name',
  schema: freeformConfigSchema('company_name'),
  tableKinds: ['company'],
  availability: 'available',
  isOffered: false,
  executorKey: 'kind',
  display: { label: 'Company name', description: "The company's name, from its profile.", group: 'built_in' },
  waitsForBaselineContext: false,
  implicitDependencies: [],
  dependencies: () => ['company_profile'],
});
