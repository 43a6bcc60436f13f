/**
 * `{key}` references inside prompts (contract §3.3). Only identifier-shaped braces count, so a
 * prompt that contains literal JSON such as `{"a": 1}` is not mistaken for a reference.
 */
const REFERENCE_PATTERN = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Keys referenced by a prompt, de-duplicated, in order of first appearance. */
export function promptReferences(prompt: string): string[] {
  const keys = new Set<string>();
  for (const match of prompt.matchAll(REFERENCE_PATTERN)) keys.add(match[1]!);
  return [...keys];
}

/** Replace each `{key}` whose key is in `values`; other braces are left untouched. */
export function renderPrompt(prompt: string, values: Record<string, string>): string {
  return prompt.replace(REFERENCE_PATTERN, (whole, key: string) => (Object.hasOwn(values, key) ? values[key]! : whole));
}
