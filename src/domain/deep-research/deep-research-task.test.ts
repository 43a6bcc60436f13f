import { describe, expect, it } from 'vitest';
import { countSourceUrls, type DeepResearchFinding, numberSources, resolveCitations } from './deep-research-task.ts';

function finding(position: number, excerpts: { url: string; quote: string }[]): DeepResearchFinding {
  return { id: `f${position}`, taskId: 't', position, question: `q${position}`, status: 'done', answer: 'a', excerpts, error: null };
}

describe('deep research sources and citations', () => {
  it('numbers each distinct (url, passage) once, in finding order, and counts distinct URLs', () => {
    const findings = [
      finding(0, [{ url: 'https://a.test/', quote: 'one' }]),
      finding(1, [
        { url: 'https://a.test/', quote: 'one' },
        { url: 'https://a.test/', quote: 'two' },
        { url: 'https://b.test/', quote: 'three' },
      ]),
    ];
    expect(numberSources(findings)).toEqual([
      { id: 1, url: 'https://a.test/', excerpt: 'one' },
      { id: 2, url: 'https://a.test/', excerpt: 'two' },
      { id: 3, url: 'https://b.test/', excerpt: 'three' },
    ]);
    expect(countSourceUrls(findings)).toBe(2);
  });

  it('keeps citations that resolve and removes those that do not', () => {
    const sources = [{ id: 1, url: 'https://a.test/', excerpt: 'one' }];
    expect(resolveCitations('It is so [1]. It is not [7].', sources)).toEqual({ markdown: 'It is so [1]. It is not.', dropped: [7], cited: [1] });
  });
});
