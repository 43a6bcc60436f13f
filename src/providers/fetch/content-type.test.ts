import { describe, expect, it } from 'vitest';
import { contentKindForMediaType, detectBinaryContent, parseContentType, sniffContentKind } from './content-type.ts';

describe('parseContentType', () => {
  it('splits the media type from a quoted charset', () => {
    expect(parseContentType('Text/HTML; Charset="UTF-8"')).toEqual({ mediaType: 'text/html', charset: 'utf-8' });
    expect(parseContentType(undefined)).toEqual({ mediaType: '', charset: null });
  });
});

describe('contentKindForMediaType', () => {
  it.each([
    ['text/html', 'html'],
    ['application/xhtml+xml', 'html'],
    ['text/plain', 'text'],
    ['application/json', 'json'],
    ['application/ld+json', 'json'],
    ['application/xml', 'text'],
    ['text/xml', 'text'],
    ['application/rss+xml', 'text'],
    ['application/pdf', null],
    ['image/png', null],
    ['application/octet-stream', null],
    ['', undefined],
  ])('reads %s as %s', (mediaType, kind) => {
    expect(contentKindForMediaType(mediaType)).toBe(kind);
  });
});

describe('detectBinaryContent', () => {
  it('recognises binary signatures whatever the declared type', () => {
    expect(detectBinaryContent(Buffer.from('%PDF-1.7\n...'), false)).toBe('a PDF document');
    expect(detectBinaryContent(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d]), false)).toBe('a PNG image');
  });

  it('treats NUL bytes as binary only in strict mode', () => {
    const withNul = Buffer.from([0x61, 0x00, 0x62]);
    expect(detectBinaryContent(withNul, false)).toBeNull();
    expect(detectBinaryContent(withNul, true)).toBe('binary data');
  });
});

describe('sniffContentKind', () => {
  it('recognises HTML by its opening markup', () => {
    expect(sniffContentKind(Buffer.from('\n  <!DOCTYPE html><html>'))).toBe('html');
    expect(sniffContentKind(Buffer.from('Dear reader,'))).toBe('text');
  });
});
