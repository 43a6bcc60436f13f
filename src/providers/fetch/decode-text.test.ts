import { describe, expect, it } from 'vitest';
import { decodeText } from './decode-text.ts';

describe('decodeText', () => {
  it('defaults to UTF-8', () => {
    expect(decodeText(Buffer.from('Zürich €'), { headerCharset: null, isHtml: false })).toEqual({ text: 'Zürich €', encoding: 'utf-8' });
  });

  it('prefers the header charset over a meta tag', () => {
    const bytes = Buffer.from('<meta charset="utf-8"><p>caf\xe9</p>', 'latin1');
    expect(decodeText(bytes, { headerCharset: 'iso-8859-1', isHtml: true }).text).toContain('café');
  });

  it('reads <meta charset> and <meta http-equiv> declarations in HTML', () => {
    const direct = Buffer.from('<html><head><meta charset="windows-1252"></head><p>\x93quoted\x94 \x80</p>', 'latin1');
    expect(decodeText(direct, { headerCharset: null, isHtml: true }).text).toContain('“quoted” €');
    const httpEquiv = Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>M\xfcller</p>', 'latin1');
    expect(decodeText(httpEquiv, { headerCharset: null, isHtml: true })).toMatchObject({ encoding: 'windows-1252' });
    expect(decodeText(httpEquiv, { headerCharset: null, isHtml: true }).text).toContain('Müller');
  });

  it('lets a byte-order mark win and strips it', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hello', 'utf16le')]);
    expect(decodeText(utf16, { headerCharset: 'iso-8859-1', isHtml: false }).text).toBe('hello');
  });

  it('falls back when a declared charset is unknown', () => {
    expect(decodeText(Buffer.from('plain'), { headerCharset: 'x-made-up', isHtml: false }).encoding).toBe('utf-8');
  });
});
