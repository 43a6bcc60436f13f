import { describe, expect, it } from 'vitest';
import { fromClipboardText, toClipboardText } from './clipboard-text.ts';

describe('clipboard text', () => {
  it('writes tab-separated rows, quoting cells with tabs, line breaks or quotes', () => {
    expect(
      toClipboardText([
        ['acme.test', 'B2B'],
        ['say "hi"', 'two\nlines'],
      ]),
    ).toBe('acme.test\tB2B\n"say ""hi"""\t"two\nlines"');
  });

  it('reads back what a spreadsheet copies, one value or a block', () => {
    expect(fromClipboardText('acme.test')).toEqual([['acme.test']]);
    expect(fromClipboardText('a\tb\r\nc\td\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(fromClipboardText('one\ntwo\n')).toEqual([['one'], ['two']]);
    expect(fromClipboardText(toClipboardText([['say "hi"', 'two\nlines']]))).toEqual([['say "hi"', 'two\nlines']]);
  });
});
