import { expect } from 'vitest';
import type { HostileServer } from '../hostile-server.ts';
import { createOwnedTable } from '../owned-table.ts';
import type { HostileTally } from '../hostile-tally.ts';

/** The parts of /openapi.json the fuzzer reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: { content?: Record<string, { schema?: unknown }> } }>>;
  components?: { schemas?: Record<string, unknown> };
}

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  minimum?: number;
};

/** Values no field expects: wrong types, extremes, NUL and lone surrogates, hostile URLs, huge and nested. */
const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  -1,
  0,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  'x'.repeat(20_000),
  '😀\ud800',
  '../../etc/passwd',
  'http://127.0.0.1:1/',
  'http://[::1]/',
  'file:///etc/passwd',
  [],
  [null],
  [{}],
  {},
  { a: { b: { c: [1] } } },
  'NaN',
  '2024-13-45',
];

const HOSTILE_QUERY_VALUES = ['', '-1', 'abc', '1e309', '99999999999999999999', '[]', '{', '[{"column":null}]', '\u0000', 'x'.repeat(5_000), '%', '😀', 'null'];

const HOSTILE_IDS = ['x'.repeat(3_000), '%00', '..%2F..', "1'--", '%F0%9F%98%80', '-1', '0'];

/** Bodies the operations accept, so each mutation changes one thing in a request that would otherwise succeed. */
const VALID_BODIES: Record<string, (owned: FreshResources) => unknown> = {
  'post /v1/tables': () => ({ kind: 'generic', name: 'fuzzed', column_configs: [{ kind: 'input', name: 'A', key: 'a' }] }),
  'patch /v1/tables/{table_id}': () => ({ name: 'renamed', tags: ['a'] }),
  'post /v1/tables/{table_id}/columns': () => ({
    column_configs: [{ kind: 'agent', name: 'X', key: 'x', value: { agent_type: 'llm', prompt: 'P {input}', output_format: 'select', labels: ['a', 'b'] } }],
  }),
  'patch /v1/tables/{table_id}/columns/{column_id}': (owned) => owned.inputColumnConfig,
  'post /v1/tables/{table_id}/columns/{column_id}/change-preview': (owned) => owned.inputColumnConfig,
  'post /v1/tables/{table_id}/rows': () => ({ rows: [{ data: { input: 'b.test', notes: 'x' }, metadata: { a: 1 } }], run: false }),
  'patch /v1/tables/{table_id}/rows': (owned) => ({ rows: [{ id: owned.rowId, data: { notes: 'y' } }] }),
  'delete /v1/tables/{table_id}/rows': (owned) => ({ rows: [owned.rowId] }),
  'post /v1/tables/{table_id}/run': (owned) => ({ mode: 'all', rows: [owned.rowId], columns: null }),
  'post /v1/tables/{table_id}/views': () => ({ name: 'w', query: { filter: [{ column: 'notes', contains: 'x' }], sort: 'notes' } }),
  'post /v1/companies/search': () => ({ query: 'fintech', filters: {}, limit: 5 }),
  'post /v1/companies/{company_identifier}/similar': () => ({ limit: 5 }),
  'post /v1/companies/import': () => ({ companies: [{ domain: 'fuzzed-import.test', name: 'Fuzzed' }] }),
};

type FreshResources = Awaited<ReturnType<typeof createOwnedTable>>;

/**
 * Every operation of the OpenAPI document, fuzzed from its own schemas: hostile path ids, every
 * query parameter with values of the wrong type and range, and each field of a valid body (and of
 * the body's schema) replaced in turn by HOSTILE_VALUES, removed, given a key holding NUL; plus
 * bodies that are not objects. Each operation gets fresh resources. Every answer must be a 4xx or
 * 2xx (never 5xx), within 10 s, and a 422 must have the contract's shape. New operations and
 * fields are fuzzed as soon as they are in the document.
 */
export function registerSchemaFuzzCases(tally: HostileTally, target: () => HostileServer, document: () => OpenApiDocument): void {
  tally.hostileCase(
    'bad input',
    'every operation, fuzzed from its OpenAPI schemas, answers 2xx/4xx (422 in the contract shape), never 5xx',
    async () => {
      const problems: string[] = [];
      let calls = 0;
      const call = async (method: string, path: string, body: unknown, raw?: string): Promise<void> => {
        calls += 1;
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), 10_000);
        const label = `${method.toUpperCase()} ${path.slice(0, 100)} ${(raw ?? JSON.stringify(body) ?? '').slice(0, 160)}`;
        try {
          const response = await fetch(`${target().server.baseUrl}${path}`, {
            method: method.toUpperCase(),
            headers: { authorization: `Bearer ${target().server.tokens.alice}`, 'content-type': 'application/json' },
            body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
            signal: controller.signal,
          });
          const text = response.headers.get('content-type')?.includes('event-stream') ? '' : await response.text();
          controller.abort();
          if (response.status >= 500) problems.push(`${response.status} ${label} → ${text.slice(0, 200)}`);
          else if (response.status === 422 && !isContractValidationError(text))
            problems.push(`422 not in the contract shape: ${label} → ${text.slice(0, 200)}`);
        } catch (error) {
          problems.push(`no answer within 10 s (${(error as Error).message}): ${label}`);
        } finally {
          clearTimeout(timer);
        }
      };
      const schemas = document().components?.schemas ?? {};
      let operations = 0;
      for (const [pathTemplate, methods] of Object.entries(document().paths)) {
        for (const [method, operation] of Object.entries(methods)) {
          // The events stream never ends by itself; its query and path are checked by the auth cases.
          if (pathTemplate.endsWith('/events')) continue;
          operations += 1;
          const owned = await createOwnedTable(target().server.alice, { name: 'fuzz target', prompt: 'Fuzz', input: 'fuzz.test', notes: 'n' });
          const ids: Record<string, string> = {
            table_id: owned.tableId,
            row_id: owned.rowId,
            column_id: owned.columnId,
            run_id: owned.runId,
            view_id: owned.viewId,
            company_identifier: 'fuzzed-company.test',
            task_id: crypto.randomUUID(),
          };
          const fill = (overrides: Record<string, string> = {}) => pathTemplate.replace(/\{(\w+)\}/g, (_, name: string) => overrides[name] ?? ids[name] ?? 'x');
          const bodySchema = operation.requestBody?.content?.['application/json']?.schema as JsonSchema | undefined;
          const valid = VALID_BODIES[`${method} ${pathTemplate}`]?.(owned) ?? (bodySchema ? sampleOf(bodySchema, schemas) : undefined);
          for (const parameter of operation.parameters ?? []) {
            if (parameter.in === 'path') for (const id of HOSTILE_IDS) await call(method, fill({ [parameter.name]: id }), valid);
            if (parameter.in === 'query')
              for (const value of HOSTILE_QUERY_VALUES) await call(method, `${fill()}?${new URLSearchParams({ [parameter.name]: value })}`, valid);
          }
          if (!bodySchema) continue;
          for (const raw of ['{', '[]', 'null', '"x"', '1']) await call(method, fill(), undefined, raw);
          for (const path of pathsOf(valid)) for (const value of HOSTILE_VALUES) await call(method, fill(), replaced(valid, path, value));
          for (const path of [[], ...pathsOf(valid)]) {
            const withKeys = replaced(valid, path, undefined, (node) => Object.assign(node, { 'k\u0000': 'v', constructor: 'x', __proto__x: 1 }));
            if (withKeys !== undefined) await call(method, fill(), withKeys);
          }
          if (isObject(valid)) {
            for (const key of Object.keys(valid)) await call(method, fill(), Object.fromEntries(Object.entries(valid).filter(([name]) => name !== key)));
            for (const key of Object.keys(resolved(bodySchema, schemas)?.properties ?? {}))
              for (const value of HOSTILE_VALUES) await call(method, fill(), { ...valid, [key]: value });
          }
        }
      }
      expect(operations).toBeGreaterThan(40);
      expect(calls).toBeGreaterThan(3_000);
      expect(problems, problems.slice(0, 20).join('\n')).toEqual([]);
    },
    240_000,
  );
}

function isContractValidationError(text: string): boolean {
  try {
    const detail = JSON.parse(text).detail;
    return (
      Array.isArray(detail) &&
      detail.length > 0 &&
      detail.every(
        (issue: { loc: unknown; msg: unknown; type: unknown }) => Array.isArray(issue.loc) && typeof issue.msg === 'string' && typeof issue.type === 'string',
      )
    );
  } catch {
    return false;
  }
}

function resolved(schema: JsonSchema | undefined, schemas: Record<string, unknown>): JsonSchema | undefined {
  let current = schema;
  for (let hops = 0; current?.$ref && hops < 20; hops += 1) current = schemas[current.$ref.split('/').at(-1)!] as JsonSchema | undefined;
  return current;
}

/** A value of the schema with its required fields (the first choice of each union and enum). */
function sampleOf(schema: JsonSchema, schemas: Record<string, unknown>, depth = 0): unknown {
  const current = resolved(schema, schemas);
  if (!current || depth > 4) return null;
  if (current.enum) return current.enum[0];
  if (current.const !== undefined) return current.const;
  const choice = current.anyOf ?? current.oneOf ?? current.allOf;
  if (choice) return sampleOf(choice.find((option) => resolved(option, schemas)?.type !== 'null') ?? choice[0]!, schemas, depth + 1);
  const type = Array.isArray(current.type) ? current.type.find((name) => name !== 'null') : current.type;
  if (type === 'object' || current.properties)
    return Object.fromEntries((current.required ?? []).map((key) => [key, sampleOf(current.properties?.[key] ?? {}, schemas, depth + 1)]));
  if (type === 'array') return (current.minItems ?? 0) > 0 && current.items ? [sampleOf(current.items, schemas, depth + 1)] : [];
  if (type === 'string') return 'x';
  if (type === 'integer' || type === 'number') return current.minimum ?? 1;
  if (type === 'boolean') return true;
  return null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Every path to a value inside `value`, four levels deep at most. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (prefix.length > 3 || value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    return [path, ...pathsOf(child, path)];
  });
}

/**
 * A copy of `value` with the node at `path` replaced by `replacement`, or (with `change`) changed
 * in place when it is an object; undefined when `change` finds no object there.
 */
function replaced(value: unknown, path: (string | number)[], replacement: unknown, change?: (node: Record<string, unknown>) => void): unknown {
  const copy = structuredClone(value);
  if (change) {
    let node: unknown = copy;
    for (const key of path) node = (node as Record<string | number, unknown>)?.[key];
    if (!isObject(node)) return undefined;
    change(node);
    return copy;
  }
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path.at(-1)!] = replacement;
  return copy;
}
