import type { ColumnConfig } from '../column-config-schema.ts';
import type { ValidationIssue } from '../errors.ts';

/** The model an agent column names in `value.model` (extension), or null for the configured default. */
export function namedModelOf(config: ColumnConfig): string | null {
  if (config.kind !== 'agent') return null;
  return config.value.model ?? null;
}

/**
 * A column may name only a model this server is configured to call (`FATHOM_LLM_MODEL`,
 * `FATHOM_LLM_REASONING_MODEL`, `FATHOM_LLM_MODELS`): a typo would otherwise fail every cell.
 */
export function columnModelIssues(incoming: { config: ColumnConfig; loc: (string | number)[] }[], allowedModels: readonly string[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const { config, loc } of incoming) {
    const model = namedModelOf(config);
    if (model === null || allowedModels.includes(model)) continue;
    const choice =
      allowedModels.length === 0 ? 'no models are configured (set FATHOM_LLM_MODEL or FATHOM_LLM_MODELS)' : `use one of: ${allowedModels.join(', ')}`;
    issues.push({ loc: [...loc, 'value', 'model'], msg: `model '${model}' is not configured on this server; ${choice}`, type: 'value_error' });
  }
  return issues;
}
