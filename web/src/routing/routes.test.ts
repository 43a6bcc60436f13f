import { describe, expect, it } from 'vitest';
import { deepSearchUrl, parseRoute } from './routes.ts';

describe('the Deep Search routes', () => {
  it('parse the page and one task, and build the same paths back', () => {
    expect(parseRoute('/deep-search')).toEqual({ page: 'deep-search', taskId: null });
    expect(parseRoute('/deep-search/')).toEqual({ page: 'deep-search', taskId: null });
    expect(parseRoute('/deep-search/task%201')).toEqual({ page: 'deep-search', taskId: 'task 1' });
    expect(parseRoute(deepSearchUrl('a/b'))).toEqual({ page: 'deep-search', taskId: 'a/b' });
    expect(deepSearchUrl()).toBe('/deep-search');
    expect(parseRoute('/deep-search/x/results')).toEqual({ page: 'not-found', path: '/deep-search/x/results' });
  });
});
