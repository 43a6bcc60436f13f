import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateSchemaOrgTypeTree, OUTPUT_PATH } from '../../../../scripts/generate-schema-org-types.ts';
import { ORGANIZATION_TYPES } from './schema-org-type-tree.ts';
import { entityKindForType } from './schema-org-types.ts';

describe('the schema.org type tree', () => {
  it('is the committed output of the generator over the installed vocabulary', () => {
    expect(readFileSync(OUTPUT_PATH, 'utf8')).toBe(generateSchemaOrgTypeTree());
  });

  it('holds the whole Organization tree, LocalBusiness leaves included', () => {
    expect(ORGANIZATION_TYPES.length).toBeGreaterThanOrEqual(188);
    for (const type of ['HairSalon', 'Locksmith', 'OnlineMarketplace', 'Cooperative', 'Hospital', 'Organization'])
      expect(entityKindForType(type), type).toBe('organization');
    expect(entityKindForType('Patient')).toBe('person');
    expect(entityKindForType('WebSite')).toBe('website');
    expect(entityKindForType('SoftwareCompany')).toBeNull();
    expect(entityKindForType('Event')).toBeNull();
  });
});
