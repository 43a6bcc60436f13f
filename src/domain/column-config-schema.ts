import { z } from 'zod';
import { COLUMN_KIND_DEFINITIONS, columnKindDefinition, type AgentType, type ColumnKind } from './column-kinds/index.ts';
import { inputKind } from './column-kinds/input.ts';

/**
 * The API's column config union (contract §3), derived from the column-kind registry in
 * `column-kinds/`. Zod checks shape only; the rules that need the table (availability, allowed
 * kinds, references, cycles, unique keys) live in column-rules.ts.
 */

export { AGENT_TYPES, type AgentType, type ColumnKind } from './column-kinds/index.ts';
export { OUTPUT_FORMATS, type OutputFormat } from './output-formats/format-names.ts';

type SchemasOf<Definitions extends readonly unknown[]> = {
  -readonly [Index in keyof Definitions]: Definitions[Index] extends { schema: infer Schema } ? Schema : never;
};
// map() loses the tuple type discriminatedUnion wants; the elements are the definitions' schemas, in order.
const CONFIG_SCHEMAS = COLUMN_KIND_DEFINITIONS.map((definition) => definition.schema) as SchemasOf<typeof COLUMN_KIND_DEFINITIONS>;

export const ColumnConfigUnionSchema = z.discriminatedUnion('kind', CONFIG_SCHEMAS);

/** `kind` defaults to `input`, as in the upstream OpenAPI. */
export const ColumnConfigSchema = z.preprocess(
  (value) => (value !== null && typeof value === 'object' && !Array.isArray(value) && !('kind' in value) ? { ...value, kind: 'input' } : value),
  ColumnConfigUnionSchema,
);

/** The input column's schema, for clients that send configs without `kind`. */
export const InputColumnConfigSchema = inputKind.schema;

export type ColumnConfig = z.output<typeof ColumnConfigUnionSchema>;
export type AgentColumnConfig = Extract<ColumnConfig, { kind: 'agent' }>;

/** Column kinds whose cells a run computes; everything but `input`. */
export function isComputedKind(kind: ColumnKind): boolean {
  return columnKindDefinition(kind).executorKey !== 'none';
}

/**
 * The id of the executor that computes a column's cells: its agent type or its kind; null for
 * columns that are never computed. A kind that is not yet available has an id but no executor.
 */
export function executorIdOf(config: ColumnConfig): ColumnKind | AgentType | null {
  const executorKey = columnKindDefinition(config.kind).executorKey;
  if (executorKey === 'none') return null;
  // Only agent columns carry an agent type.
  if (executorKey === 'agent_type' && config.kind === 'agent') return config.value.agent_type;
  return config.kind;
}
