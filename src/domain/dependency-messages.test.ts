import { describe, expect, it } from 'vitest';
import { columnNameFromConfig, parseWaitingMessage, waitingOnFailedMessage, waitingOnUncomputedMessage } from './dependency-messages.ts';

describe('dependency messages', () => {
  it('name the upstream column and read back, even when the name has a comma', () => {
    expect(waitingOnFailedMessage('Segment')).toBe('waiting on Segment, which failed');
    expect(parseWaitingMessage(waitingOnFailedMessage('Segment'))).toEqual({ columnName: 'Segment', reason: 'failed' });
    expect(parseWaitingMessage(waitingOnFailedMessage('Size, in people'))).toEqual({ columnName: 'Size, in people', reason: 'failed' });
    expect(parseWaitingMessage(waitingOnUncomputedMessage('HQ'))).toEqual({ columnName: 'HQ', reason: 'not-computed' });
    expect(parseWaitingMessage('model down (gave up after 3 attempts)')).toBeNull();
  });

  it('take the name from a stored config, else the key', () => {
    expect(columnNameFromConfig('{"name":"Segment","key":"segment"}', 'segment')).toBe('Segment');
    expect(columnNameFromConfig('not json', 'segment')).toBe('segment');
    expect(columnNameFromConfig('{"name":"  "}', 'segment')).toBe('segment');
  });
});
