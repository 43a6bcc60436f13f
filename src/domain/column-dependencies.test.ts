import { describe, expect, it } from 'vitest';
import type { ColumnConfig } from './column-config-schema.ts';
import { columnDependencies, dependencyGraph, findCycle, transitiveDependents } from './column-dependencies.ts';
import { builtInColumns } from './table-kinds.ts';

const agent = (key: string, prompt: string, extra: string[] = []): ColumnConfig => ({
  kind: 'agent',
  name: key,
  key,
  value: { agent_type: 'llm', prompt, output_format: 'text', extra_dependencies: extra },
});

describe('column dependencies', () => {
  it('adds the baseline context of company tables to custom agents, not to built-ins', () => {
    const columns = [...builtInColumns('company'), agent('pricing', 'Pricing?')];
    const keys = new Set(columns.map((column) => column.key));
    expect(columnDependencies(columns[4]!, 'company', keys)).toEqual(['company_name', 'company_website']);
    expect(columnDependencies(columns[2]!, 'company', keys)).toEqual(['company_profile']);
    expect(columnDependencies(columns[1]!, 'company', keys)).toEqual(['input']);
  });

  it('unions references and extra dependencies', () => {
    const config = agent('c', 'Use {a} and {b}', ['b', 'z']);
    expect(columnDependencies(config, 'generic', new Set(['a', 'b', 'z', 'c']))).toEqual(['a', 'b', 'z']);
  });

  it('finds everything downstream of a key', () => {
    const graph = dependencyGraph([{ kind: 'input', name: 'i', key: 'input' }, agent('a', '{input}'), agent('b', '{a}'), agent('c', 'alone')], 'generic');
    expect([...transitiveDependents(graph, 'input')].sort()).toEqual(['a', 'b']);
  });

  it('finds cycles and reports them as a path', () => {
    expect(
      findCycle(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
        ]),
      ),
    ).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle(new Map([['a', ['a']]]))).toEqual(['a', 'a']);
    expect(
      findCycle(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toBeNull();
  });
});
