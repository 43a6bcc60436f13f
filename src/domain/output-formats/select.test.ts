import { describe, expect, it } from 'vitest';
import { parseAnswer } from './parse-answer.ts';

const labels = ['Free', 'Pro', 'Team', 'Open Source'];

describe('parseAnswer select', () => {
  it.each([
    ['Pro', 'Pro'],
    ['pro', 'Pro'],
    ['  PRO  ', 'Pro'],
    ['open   source', 'Open Source'],
    ['Open\tSource', 'Open Source'],
    ['Ｐｒｏ', 'Pro'],
    [['Team'], 'Team'],
    [[' team '], 'Team'],
  ])('accepts %j as %j', (raw, answer) => {
    expect(parseAnswer('select', raw, { labels })).toEqual({ ok: true, answer, isNotFound: false });
  });

  it('names the labels when the answer is not one of them', () => {
    expect(parseAnswer('select', 'Enterprise', { labels: ['Free', 'Pro', 'Team'] })).toEqual({
      ok: false,
      reason: "'Enterprise' is not one of the labels: Free, Pro, Team",
    });
  });

  it.each([['Pros'], ['Pro plan'], ['Pro.'], ['"Pro"'], ['Pr'], ['OpenSource'], ['Open-Source'], ['Free or Pro'], ['Pro, Team']])(
    'refuses the near miss %j',
    (raw) => {
      expect(parseAnswer('select', raw, { labels })).toEqual({ ok: false, reason: expect.stringContaining('is not one of the labels') });
    },
  );

  it.each([
    [['Pro', 'Team'], 'Expected exactly one label, got 2'],
    [[], 'Expected exactly one label, got 0'],
    [3, 'Expected one label as text'],
    [{ label: 'Pro' }, 'Expected one label as text'],
    [[['Pro']], 'Expected exactly one label, got 1'],
  ])('refuses %j (%s)', (raw, reason) => {
    expect(parseAnswer('select', raw, { labels })).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });

  it('legacy label behaves like select', () => {
    expect(parseAnswer('label', ' team', { labels })).toEqual({ ok: true, answer: 'Team', isNotFound: false });
    expect(parseAnswer('label', 'Teams', { labels }).ok).toBe(false);
  });
});
