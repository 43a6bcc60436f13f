/**
 * The names of the agent column output formats (Extruct API §3.3), including the legacy aliases
 * that older clients still send.
 */

/** Formats a column may be created with today. */
export const CANONICAL_OUTPUT_FORMATS = [
  'text',
  'url',
  'email',
  'phone',
  'select',
  'multiselect',
  'numeric',
  'money',
  'date',
  'grade',
  'json',
  'people',
] as const;

/** Legacy names accepted for compatibility; each resolves to a canonical format. */
export const LEGACY_FORMAT_ALIASES = {
  number: 'numeric',
  label: 'select',
} as const satisfies Record<string, CanonicalOutputFormat>;

/** Every name accepted as an `output_format`, canonical names first. */
export const OUTPUT_FORMATS = [...CANONICAL_OUTPUT_FORMATS, ...(Object.keys(LEGACY_FORMAT_ALIASES) as (keyof typeof LEGACY_FORMAT_ALIASES)[])] as const;

/** A format name after legacy aliases are resolved. `people` is legacy but has no newer equivalent. */
export type CanonicalOutputFormat = (typeof CANONICAL_OUTPUT_FORMATS)[number];

/** Any accepted `output_format` value, legacy aliases included. */
export type OutputFormat = CanonicalOutputFormat | keyof typeof LEGACY_FORMAT_ALIASES;

const acceptedNames: ReadonlySet<string> = new Set(OUTPUT_FORMATS);

/** True when `value` is an accepted `output_format` name (canonical or legacy). */
export function isOutputFormat(value: unknown): value is OutputFormat {
  return typeof value === 'string' && acceptedNames.has(value);
}

/** Resolves a legacy alias (`number`, `label`) to the format it stands for; canonical names pass through. */
export function canonicalFormat(format: OutputFormat): CanonicalOutputFormat {
  return format === 'number' || format === 'label' ? LEGACY_FORMAT_ALIASES[format] : format;
}

/** True for formats whose column must configure `labels` (select, multiselect and legacy label). */
export function formatNeedsLabels(format: OutputFormat): boolean {
  const canonical = canonicalFormat(format);
  return canonical === 'select' || canonical === 'multiselect';
}

/** True for formats whose column must configure an `output_schema` (json). */
export function formatNeedsSchema(format: OutputFormat): boolean {
  return canonicalFormat(format) === 'json';
}
