import { defineColumnKind } from './column-kind-definition.ts';
import { freeformConfigSchema } from './config-fields.ts';

/** Built-in on company tables: the company's website, read from its profile (contract §3.8). */
export const companyWebsiteKind = defineColumnKind({
  kind: 'company_website',
  schema: freeformConfigSchema('company_website'),
  tableKinds: ['company'],
  availability: 'available',
  isOffered: false,
  executorKey: 'kind',
  display: { label: 'Company website', description: "The company's website, from its profile.", group: 'built_in' },
  waitsForBaselineContext: false,
  implicitDependencies: [],
  dependencies: () => ['company_profile'],
});
