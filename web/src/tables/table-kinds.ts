import type { TableKind } from '../api/api-types.ts';

/** How each table kind is explained to someone choosing one (contract §1.2). */
export const TABLE_KIND_DESCRIPTIONS: Record<TableKind, { title: string; description: string; inputHint: string }> = {
  company: {
    title: 'Companies',
    description: 'One company per row, identified by its website. Fathom finds its name, website and profile for you.',
    inputHint: 'one domain per line, such as stripe.com',
  },
  people: {
    title: 'People',
    description: 'One person per row. Fathom reads their full name, role and profile URL from what you paste.',
    inputHint: 'one person per line: full name, current role, LinkedIn URL',
  },
  generic: {
    title: 'Anything else',
    description: 'Rows of anything: products, papers, cities. Columns read only what you reference with {key}.',
    inputHint: 'one item per line',
  },
};

export const TABLE_KIND_ORDER: TableKind[] = ['company', 'people', 'generic'];
