import { describe, expect, it } from 'vitest';
import { ServerSentEventParser } from './server-sent-event-parser.ts';

describe('ServerSentEventParser', () => {
  it('dispatches an event at a blank line, with its type and data', () => {
    const parser = new ServerSentEventParser();
    expect(parser.push('event: cells\ndata: {"cells":[]}\n\n')).toEqual([{ type: 'cells', data: '{"cells":[]}' }]);
  });

  it('keeps lines split across chunks, and a \\r\\n split between two chunks counts once', () => {
    const parser = new ServerSentEventParser();
    expect(parser.push('event: tab')).toEqual([]);
    expect(parser.push('le\r')).toEqual([]);
    expect(parser.push('\ndata: {"status":1}\r\n\r\n')).toEqual([{ type: 'table', data: '{"status":1}' }]);
  });

  it('skips comments (keep-alives), joins multi-line data, and defaults the type to message', () => {
    const parser = new ServerSentEventParser();
    expect(parser.push(': keep-alive\n\ndata: a\ndata: b\n\n')).toEqual([{ type: 'message', data: 'a\nb' }]);
  });

  it('does not carry a type over to the next event', () => {
    const parser = new ServerSentEventParser();
    expect(parser.push('event: cells\ndata: 1\n\ndata: 2\n\n')).toEqual([
      { type: 'cells', data: '1' },
      { type: 'message', data: '2' },
    ]);
  });
});
