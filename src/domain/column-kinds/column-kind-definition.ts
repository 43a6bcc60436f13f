import type { z } from 'zod';
import type { ValidationIssue } from '../errors.ts';
import type { TableKind } from '../table-kind-names.ts';

/**
 * What one column kind is, in one object: the registry in `index.ts` lists these, and the API's
 * union, the allowed-kinds matrix (§3.11), dependency extraction, the engine's executor lookup
 * and the web app's column form are all derived from that list.
 */

/**
 * Whether a column of this kind can be added. A kind that is `not_yet_available` stays in the
 * API's union (scripts and old tables keep parsing) but adding a column of it answers 422, and
 * it needs no executor.
 */
export type Availability = 'available' | 'not_yet_available';

/**
 * Which id the engine looks its executor up by: the kind itself, the config's `agent_type`, or
 * none at all (`input` cells hold what the client sent and are never computed).
 */
export type ExecutorKey = 'kind' | 'agent_type' | 'none';

/** Where clients list a kind, in this order. */
export const COLUMN_KIND_GROUPS = ['ai', 'input', 'people', 'deep_search', 'built_in'] as const;
export type ColumnKindGroup = (typeof COLUMN_KIND_GROUPS)[number];

/** How clients present a kind. */
export interface ColumnKindDisplay {
  /** Title in the column form, e.g. "AI column". */
  label: string;
  /** One sentence under the title. */
  description: string;
  group: ColumnKindGroup;
}

/** Where a config sits in the request, e.g. `['body', 'column_configs', 0]`. */
export type Location = (string | number)[];

/** What the rules of a kind may know about the table a column is added to or kept in. */
export interface ColumnTable {
  tableKind: TableKind;
  /** Whether this is a child people table, whose finders read company_website from the parent row. */
  hasParentTable: boolean;
  /** Keys of every column the table will have. */
  keys: ReadonlySet<string>;
  /** Every column the table will have. */
  columns: readonly { key: string; kind: string }[];
}

/** The zod shape every column config has: a literal `kind`, a `name` and a `key`. */
export type ColumnConfigObjectSchema<Kind extends string> = z.ZodObject<{ kind: z.ZodLiteral<Kind>; name: z.ZodString; key: z.ZodString }>;

export interface ColumnKindDefinition<
  Kind extends string = string,
  Schema extends z.ZodObject = z.ZodObject,
  KindAvailability extends Availability = Availability,
  KindExecutorKey extends ExecutorKey = ExecutorKey,
  KindIsOffered extends boolean = boolean,
> {
  /** The `kind` discriminator on the wire. */
  readonly kind: Kind;
  /** Shape of the config, with `kind` as a literal: one member of the API's union. */
  readonly schema: Schema;
  /** Table kinds a column of this kind may live in (contract §3.11). */
  readonly tableKinds: readonly TableKind[];
  readonly availability: KindAvailability;
  /** Whether clients offer it for a new column (built-ins come with the table; unavailable kinds are never offered). */
  readonly isOffered: KindIsOffered;
  readonly executorKey: KindExecutorKey;
  readonly display: ColumnKindDisplay;
  /**
   * Whether its cells also wait for the table kind's baseline context (`company_name` and
   * `company_website` on company tables…, contract §3.3) when the table has those columns.
   */
  readonly waitsForBaselineContext: boolean;
  /** Keys its cells wait for whenever the table has them, beside what the config names. */
  readonly implicitDependencies: readonly string[];
  /** Keys the config itself names: prompt references, extra dependencies, a source column… */
  dependencies(config: z.output<Schema>): string[];
  /** Rules of this kind that need only the config and the table kind (agent types, format options). */
  configIssues?(config: z.output<Schema>, tableKind: TableKind, loc: Location): ValidationIssue[];
  /** Rules of this kind about the other columns: references must resolve, required columns must exist. */
  referenceIssues?(config: z.output<Schema>, table: ColumnTable, loc: Location): ValidationIssue[];
}

/**
 * Declares a column kind. The const type parameters keep `kind`, `availability`, `executorKey`
 * and `isOffered` as literal types, so the registry can derive which kinds need an executor and
 * which ones clients offer.
 */
export function defineColumnKind<
  const Kind extends string,
  Schema extends ColumnConfigObjectSchema<Kind>,
  const KindAvailability extends Availability,
  const KindExecutorKey extends ExecutorKey,
  const KindIsOffered extends boolean,
>(
  definition: ColumnKindDefinition<Kind, Schema, KindAvailability, KindExecutorKey, KindIsOffered>,
): ColumnKindDefinition<Kind, Schema, KindAvailability, KindExecutorKey, KindIsOffered> {
  return definition;
}

/** A reference to a key the table does not have, phrased the same way for every kind. */
export function unknownKeyIssue(loc: Location, key: string, what: string, keys: ReadonlySet<string>): ValidationIssue {
  return { loc, msg: `${what} '${key}' does not match any column key of this table (keys: ${[...keys].join(', ')})`, type: 'value_error' };
}
