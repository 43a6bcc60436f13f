import { describe, expect, it } from 'vitest';
import { parseCsv } from './parse-csv.ts';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF', () => {
    const parsed = parseCsv('name,notes\r\n"Acme, Inc.","said ""hi""\nthen left"\nGlobex,plain\n');
    expect(parsed).toEqual({
      header: ['name', 'notes'],
      records: [
        ['Acme, Inc.', 'said "hi"\nthen left'],
        ['Globex', 'plain'],
      ],
    });
  });

  it('drops a byte-order mark and blank lines, and keeps a last line without a line end', () => {
    expect(parseCsv('\uFEFFdomain\n\nstripe.com\n\nramp.com')).toEqual({ header: ['domain'], records: [['stripe.com'], ['ramp.com']] });
  });

  it('guesses semicolons and tabs as delimiters from the header line', () => {
    expect(parseCsv('a;b\n1;2\n').records).toEqual([['1', '2']]);
    expect(parseCsv('a\tb\n1\t2,5\n').records).toEqual([['1', '2,5']]);
  });

  it('keeps empty fields in place', () => {
    expect(parseCsv('a,b,c\n1,,3\n,,\n').records).toEqual([
      ['1', '', '3'],
      ['', '', ''],
    ]);
  });
});
