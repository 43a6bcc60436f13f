import { describe, expect, it } from 'vitest';
import { parseAnswer } from './parse-answer.ts';

const labels = ['Free', 'Pro', 'Team'];

describe('parseAnswer multiselect', () => {
  it.each([
    [['Pro'], ['Pro']],
    [
      ['Team', 'Free'],
      ['Free', 'Team'],
    ],
    [
      ['team', ' PRO ', 'Team'],
      ['Pro', 'Team'],
    ],
    [['Pro', 'Pro', 'pro'], ['Pro']],
    [[], []],
    [['Pro', ''], ['Pro']],
    ['Team, Pro', ['Pro', 'Team']],
    ['Team;Pro; free', ['Free', 'Pro', 'Team']],
    ['Pro,', ['Pro']],
    ['Team', ['Team']],
    ['["Team", "Pro"]', ['Pro', 'Team']],
    ['[]', []],
  ])('accepts %j as %j', (raw, answer) => {
    expect(parseAnswer('multiselect', raw, { labels })).toEqual({ ok: true, answer, isNotFound: false });
  });

  it('treats an empty list as "none apply", not as "Not found"', () => {
    expect(parseAnswer('multiselect', [], { labels })).toEqual({ ok: true, answer: [], isNotFound: false });
  });

  it('names the unknown item and the labels', () => {
    expect(parseAnswer('multiselect', ['Pro', 'Enterprise'], { labels })).toEqual({
      ok: false,
      reason: "'Enterprise' is not one of the labels: Free, Pro, Team",
    });
  });

  it('names every unknown item', () => {
    expect(parseAnswer('multiselect', 'Pro, Basic, Premium', { labels })).toEqual({
      ok: false,
      reason: "'Basic', 'Premium' are not among the labels: Free, Pro, Team",
    });
  });

  it.each([[['Pros']], [['Pro plan', 'Team']], ['Pro and Team'], ['Pro | Team'], [['Pro', 'Not found']], ['["Pro", "Enterprise"]'], ['[Pro, Team]']])(
    'refuses the near miss %j',
    (raw) => {
      expect(parseAnswer('multiselect', raw, { labels })).toEqual({ ok: false, reason: expect.stringContaining('labels') });
    },
  );

  it.each([
    [['Pro', 3], 'Every item must be a label as text'],
    [[{ label: 'Pro' }], 'Every item must be a label as text'],
    [5, 'Expected a list of labels'],
    [{ Pro: true }, 'Expected a list of labels'],
  ])('refuses %j (%s)', (raw, reason) => {
    expect(parseAnswer('multiselect', raw, { labels })).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });

  describe('labels that contain a separator', () => {
    const departments = ['Sales, Marketing', 'Engineering', 'Legal; Compliance'];

    it.each([
      ['Sales, Marketing', ['Sales, Marketing']],
      ['Engineering, Sales, Marketing', ['Sales, Marketing', 'Engineering']],
      ['Legal; Compliance; Engineering', ['Engineering', 'Legal; Compliance']],
      [
        ['Sales, Marketing', 'Engineering'],
        ['Sales, Marketing', 'Engineering'],
      ],
    ])('reads %j as %j', (raw, answer) => {
      expect(parseAnswer('multiselect', raw, { labels: departments })).toEqual({ ok: true, answer, isNotFound: false });
    });

    it('still refuses a fragment of such a label', () => {
      expect(parseAnswer('multiselect', 'Sales, Engineering', { labels: departments })).toEqual({
        ok: false,
        reason: "'Sales' is not one of the labels: Sales, Marketing, Engineering, Legal; Compliance",
      });
    });
  });

  it('splits a long answer quickly', () => {
    const raw = Array.from({ length: 20_000 }, () => 'Pro').join(',');
    const started = performance.now();
    expect(parseAnswer('multiselect', raw, { labels: ['Pro', 'A, B'] })).toMatchObject({ ok: true, answer: ['Pro'] });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
