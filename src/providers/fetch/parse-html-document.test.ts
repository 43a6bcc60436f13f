import { describe, expect, it } from 'vitest';
import { parseHtmlDocument } from './parse-html-document.ts';

describe('parseHtmlDocument', () => {
  it('builds html, head and body for markup that leaves them out, as browsers do', () => {
    const document = parseHtmlDocument('<!doctype html><meta charset=utf-8><title>Tailspin</title><h1>Tailspin Toys</h1><p>Kites.</p>');
    expect(document.title).toBe('Tailspin');
    expect(document.body.textContent).toBe('Tailspin ToysKites.');
    expect(document.documentElement.outerHTML).toBe(
      '<html><head><meta charset="utf-8"><title>Tailspin</title></head><body><h1>Tailspin Toys</h1><p>Kites.</p></body></html>',
    );
  });

  it('keeps the lang of an <html> element whose <body> is implicit', () => {
    const document = parseHtmlDocument('<html lang="de"><head><title>t</title></head><p>Hallo</p></html>');
    expect(document.documentElement.getAttribute('lang')).toBe('de');
    expect(document.body.textContent).toBe('Hallo');
  });

  it('leaves a well-formed document as parsed', () => {
    const document = parseHtmlDocument('<!doctype html><html lang="en"><head><title>ok</title></head><body><p>fine</p></body></html>');
    expect(document.documentElement.outerHTML).toBe('<html lang="en"><head><title>ok</title></head><body><p>fine</p></body></html>');
  });
});
