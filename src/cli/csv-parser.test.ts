import { describe, expect, it } from 'vitest';
import { createCsvParser, type CsvRecord } from './csv-parser.ts';

function parseInChunks(text: string, chunkSize: number, delimiter: ',' | '\t' = ','): CsvRecord[] {
  const parser = createCsvParser(delimiter);
  const records: CsvRecord[] = [];
  for (let index = 0; index < text.length; index += chunkSize) records.push(...parser.push(text.slice(index, index + chunkSize)));
  records.push(...parser.end());
  return records;
}

describe('createCsvParser', () => {
  const text = '\uFEFFname,notes\r\n"Acme, Inc.","said ""hi""\r\nthen left"\r\n\r\nGlobex,\nInitech,plain';

  it.each([1, 2, 3, 7, 1000])('reads quotes, escaped quotes, line breaks, BOM and blank lines in chunks of %i', (chunkSize) => {
    expect(parseInChunks(text, chunkSize)).toEqual([
      { fields: ['name', 'notes'], line: 1 },
      { fields: ['Acme, Inc.', 'said "hi"\r\nthen left'], line: 2 },
      { fields: ['Globex', ''], line: 5 },
      { fields: ['Initech', 'plain'], line: 6 },
    ]);
  });

  it('reads tab-separated values and a trailing newline', () => {
    expect(parseInChunks('a\tb\n1\t"x\ty"\n', 4, '\t')).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['1', 'x\ty'], line: 2 },
    ]);
  });

  it('keeps an empty quoted field and a quote inside an unquoted field', () => {
    expect(parseInChunks('"",a"b,\n', 100)).toEqual([{ fields: ['', 'a"b', ''], line: 1 }]);
  });

  it('refuses an unclosed quote and names its line', () => {
    const parser = createCsvParser();
    parser.push('a\n"open');
    expect(() => parser.end()).toThrow(/line 2/);
  });
});
