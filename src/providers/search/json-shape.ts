import { SearchError } from '../spec/search.ts';

/** Small readers for provider JSON, whose shape is only trusted after checking. */

/** True for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads the result list at `path` (for example `['web', 'results']`). A missing list means
 * no results when `isOptional`; anything else that is not a list is an `invalid_response`.
 */
export function readResultList(providerId: string, label: string, body: unknown, path: readonly string[], isOptional: boolean): Record<string, unknown>[] {
  let value: unknown = body;
  for (const key of path) {
    if (!isRecord(value)) {
      value = undefined;
      break;
    }
    value = value[key];
  }
  if (value === undefined && isOptional && isRecord(body)) return [];
  if (!Array.isArray(value)) {
    throw new SearchError({
      code: 'invalid_response',
      providerId,
      message: `${label} answered JSON without a \`${path.join('.')}\` list; the API may have changed or the URL points elsewhere.`,
    });
  }
  // A malformed entry is skipped rather than failing the whole answer.
  return value.filter(isRecord);
}
