import { describe, expect, it } from 'vitest';
import { inspectJsonText, MAX_JSON_DEPTH } from './json-text-inspection.ts';

describe('inspectJsonText', () => {
  it('finds nothing in ordinary JSON, including escaped quotes and backslashes', () => {
    const text = JSON.stringify({ rows: [{ data: { a: 'say "hi" \\ there', b: 9007199254740991, c: -1.5e300, d: [true, null] } }] });
    expect(inspectJsonText(text)).toEqual([]);
  });

  it('points at integers beyond 2^53 − 1, keeping the literal as sent', () => {
    const text = '{"rows": [{"data": {"a": 1}}, {"data": {"big": 9007199254740993, "neg": -12345678901234567890, "float": 1e400, "fine": 1.5}}]}';
    expect(inspectJsonText(text)).toEqual([
      { path: ['rows', 1, 'data', 'big'], kind: 'unsafe_integer', literal: '9007199254740993' },
      { path: ['rows', 1, 'data', 'neg'], kind: 'unsafe_integer', literal: '-12345678901234567890' },
    ]);
  });

  it('stops at the first place nested deeper than the limit', () => {
    const depth = 10_000;
    const text = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const problems = inspectJsonText(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ kind: 'too_deep' });
    expect(problems[0]!.path).toHaveLength(MAX_JSON_DEPTH);
    expect(inspectJsonText(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`)).toEqual([]);
  });

  it('tracks keys with escapes and array indexes after nested values', () => {
    const text = '{"a\\"b": [[1, 2], {"x": [3]}, 18446744073709551616]}';
    expect(inspectJsonText(text)).toEqual([{ path: ['a"b', 2], kind: 'unsafe_integer', literal: '18446744073709551616' }]);
  });
});
