/**
 * Keys made from names, for columns a person names but does not key (the column form, a CSV
 * header that becomes an input column): "Funding stage (latest)" → "funding_stage_latest", a
 * key that works inside `{…}` prompt references.
 */
export function keyFromName(name: string): string {
  const key = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
  if (key === '') return 'column';
  return /^[0-9]/.test(key) ? `_${key}` : key;
}

/** A key from the name that none of `taken` holds yet: "notes", then "notes_2", "notes_3"… */
export function uniqueKeyFromName(name: string, taken: ReadonlySet<string>): string {
  const base = keyFromName(name);
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix++) {
    const candidate = `${base}_${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
