import type { StructuredEntityKind } from '../../spec/fetcher.ts';
import { ORGANIZATION_TYPES, PERSON_TYPES, WEB_PAGE_TYPES, WEBSITE_TYPES } from './schema-org-type-tree.ts';

const KIND_BY_TYPE = new Map<string, StructuredEntityKind>([
  ...ORGANIZATION_TYPES.map((type) => [type.toLowerCase(), 'organization'] as const),
  ...PERSON_TYPES.map((type) => [type.toLowerCase(), 'person'] as const),
  ...WEBSITE_TYPES.map((type) => [type.toLowerCase(), 'website'] as const),
]);

const WEB_PAGE_TYPE_NAMES = new Set(WEB_PAGE_TYPES.map((type) => type.toLowerCase()));

/**
 * Strips a vocabulary prefix from a type: `http://schema.org/Corporation`,
 * `https://schema.org/Corporation`, `schema:Corporation` and `http://data-vocabulary.org/Organization`
 * all become the bare name.
 */
export function bareTypeName(type: string): string {
  return type
    .trim()
    .replace(/^https?:\/\/(www\.)?(schema\.org|data-vocabulary\.org)\//i, '')
    .replace(/^schema:/i, '');
}

/**
 * The entity family of a bare schema.org type name, or null for types Fathom does not collect.
 * The families are the full schema.org trees under Organization, Person and WebSite.
 */
export function entityKindForType(type: string): StructuredEntityKind | null {
  return KIND_BY_TYPE.get(type.toLowerCase()) ?? null;
}

/** Whether a bare type name is WebPage or one of its subtypes (AboutPage, ContactPage…). */
export function isWebPageType(type: string): boolean {
  return WEB_PAGE_TYPE_NAMES.has(type.toLowerCase());
}
