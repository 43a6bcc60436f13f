import { describe, expect, it } from 'vitest';
import { apiErrorFromBody, describeLocation } from './api-error.ts';

describe('apiErrorFromBody', () => {
  it('reads a 422 as its issues, each naming the field', () => {
    const body = JSON.stringify({ detail: [{ loc: ['body', 'column_configs', 0, 'value', 'labels'], msg: 'needs labels', type: 'missing' }] });
    const error = apiErrorFromBody(422, 'Unprocessable Entity', body);
    expect(error.message).toBe('column_configs[0] › value › labels: needs labels');
    expect(error.issues).toHaveLength(1);
  });

  it('summarises several issues and keeps them all', () => {
    const body = JSON.stringify({
      detail: [
        { loc: ['query', 'limit'], msg: 'too big', type: 'x' },
        { loc: ['query', 'offset'], msg: 'negative', type: 'y' },
      ],
    });
    const error = apiErrorFromBody(422, '', body);
    expect(error.message).toBe('2 problems with the request');
    expect(error.issues.map((issue) => describeLocation(issue.loc))).toEqual(['limit', 'offset']);
  });

  it('says an issue about a path parameter without the wire name in front', () => {
    const body = JSON.stringify({
      detail: [{ loc: ['path', 'column_id'], msg: 'Segment is used by Pitch; change or delete that column first', type: 'value_error' }],
    });
    expect(apiErrorFromBody(422, '', body).message).toBe('Segment is used by Pitch; change or delete that column first');
  });

  it('reads other errors as their detail and code', () => {
    const error = apiErrorFromBody(404, 'Not Found', '{"detail":"Table x not found","code":"not_found"}');
    expect([error.status, error.message, error.code]).toEqual([404, 'Table x not found', 'not_found']);
  });

  it('falls back to the body text, then to the status line, when the body is not JSON', () => {
    expect(apiErrorFromBody(502, 'Bad Gateway', '<html>proxy down</html>').message).toBe('<html>proxy down</html>');
    expect(apiErrorFromBody(502, 'Bad Gateway', '').message).toBe('502 Bad Gateway');
  });
});
