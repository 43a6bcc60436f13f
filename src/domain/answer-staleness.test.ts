import { describe, expect, it } from 'vitest';
import type { ColumnConfig } from './column-config-schema.ts';
import { columnsOutOfDateAfterChange, configChangesAnswers } from './answer-staleness.ts';

const agent = (prompt: string, name = 'About', key = 'about') =>
  ({ kind: 'agent', name, key, value: { agent_type: 'llm', prompt, output_format: 'text' } }) as unknown as ColumnConfig;

describe('configChangesAnswers', () => {
  it('is false for a new display name or key, or the same settings in another key order', () => {
    expect(configChangesAnswers(agent('About {input}'), agent('About {input}', 'Summary', 'summary'))).toBe(false);
    const reordered = {
      key: 'about',
      value: { output_format: 'text', prompt: 'About {input}', agent_type: 'llm' },
      name: 'About',
      kind: 'agent',
    } as unknown as ColumnConfig;
    expect(configChangesAnswers(agent('About {input}'), reordered)).toBe(false);
  });

  it('is true for a new prompt or output format', () => {
    expect(configChangesAnswers(agent('About {input}'), agent('Describe {input}'))).toBe(true);
    const numeric = { ...agent('About {input}'), value: { agent_type: 'llm', prompt: 'About {input}', output_format: 'numeric' } } as unknown as ColumnConfig;
    expect(configChangesAnswers(agent('About {input}'), numeric)).toBe(true);
  });
});

describe('columnsOutOfDateAfterChange', () => {
  it('is the column with everything that reads it, transitively', () => {
    const graph = new Map([
      ['about', ['input']],
      ['tier', ['about']],
      ['memo', ['tier']],
      ['other', ['input']],
    ]);
    expect([...columnsOutOfDateAfterChange(graph, 'about')].sort()).toEqual(['about', 'memo', 'tier']);
  });
});
