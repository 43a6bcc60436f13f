import type { ColumnConfig } from './column-config-schema.ts';
import type { TableKind } from './table-kind-names.ts';

export { TABLE_KINDS, type TableKind } from './table-kind-names.ts';

/**
 * Built-in columns each table kind gets on create (contract §1.2, §3.8, §3.9).
 * People built-ins are `llm` agents that read `input`: the contract leaves their kind open and an
 * agent column is the honest description of what fills them.
 */
export function builtInColumns(kind: TableKind): ColumnConfig[] {
  switch (kind) {
    case 'company':
      return [
        { kind: 'input', name: 'Company', key: 'input' },
        { kind: 'company_profile', name: 'Company Profile', key: 'company_profile' },
        { kind: 'company_name', name: 'Company Name', key: 'company_name' },
        { kind: 'company_website', name: 'Company Website', key: 'company_website' },
      ];
    case 'people':
      return [
        { kind: 'input', name: 'Person', key: 'input' },
        peopleAgent('full_name', 'Full Name', "The person's full name, taken from: {input}", 'text'),
        peopleAgent('role', 'Role', "The person's current job title, taken from: {input}", 'text'),
        peopleAgent('profile_url', 'Profile URL', "The person's LinkedIn profile URL, taken from: {input}", 'url'),
      ];
    case 'generic':
      return [{ kind: 'input', name: 'Input', key: 'input' }];
  }
}

function peopleAgent(key: string, name: string, prompt: string, outputFormat: 'text' | 'url'): ColumnConfig {
  return { kind: 'agent', name, key, value: { agent_type: 'llm', prompt, output_format: outputFormat } };
}

/** Keys of the built-in columns of a table kind; these cannot be deleted. */
export function builtInKeys(kind: TableKind): string[] {
  return builtInColumns(kind).map((config) => config.key);
}

/**
 * Context every custom agent column of a kind receives without naming it in its prompt
 * (contract §3.3, "auto-injected baseline context"). It is a dependency like a `{key}` reference.
 */
export function baselineContextKeys(kind: TableKind): string[] {
  switch (kind) {
    case 'company':
      return ['company_name', 'company_website'];
    case 'people':
      return ['full_name', 'role', 'profile_url'];
    case 'generic':
      return [];
  }
}
