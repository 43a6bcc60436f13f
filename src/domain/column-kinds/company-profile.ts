import { defineColumnKind } from './column-kind-definition.ts';
import { freeformConfigSchema } from './config-fields.ts';

/** Built-in on company tables: resolves `input` to the company's profile (contract §1.6, §3.8). */
export const companyProfileKind = defineColumnKind({
  kind: 'company_profile',
  schema: freeformConfigSchema('company_profile'),
  tableKinds: ['company'],
  availability: 'available',
  isOffered: false,
  executorKey: 'kind',
  display: { label: 'Company profile', description: "The company's profile, built from its own website.", group: 'built_in' },
  waitsForBaselineContext: false,
  implicitDependencies: [],
  dependencies: () => ['input'],
});
