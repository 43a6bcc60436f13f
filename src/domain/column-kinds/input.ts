import { z } from 'zod';
import { commonFields } from './config-fields.ts';
import { defineColumnKind } from './column-kind-definition.ts';

/** A value the client supplies; never computed (contract §3.2). */
export const inputKind = defineColumnKind({
  kind: 'input',
  schema: z.object({ kind: z.literal('input'), ...commonFields }),
  tableKinds: ['company', 'people', 'generic'],
  availability: 'available',
  isOffered: true,
  executorKey: 'none',
  display: { label: 'Input', description: 'A column you fill yourself (pasted, imported or typed).', group: 'input' },
  waitsForBaselineContext: false,
  implicitDependencies: [],
  dependencies: () => [],
});
