import { describe, expect, it } from 'vitest';
import { csvLine } from './csv-line.ts';

describe('csvLine formula guard', () => {
  it("prefixes text a spreadsheet would run with ' by default (OWASP CSV injection)", () => {
    const line = csvLine(['=HYPERLINK("http://evil.test","x")', '+1+1', '-1+A1', '@SUM(A1)', '\tx', '\rx', -5, '-5', 'Acme', null]);
    expect(line).toBe(`"'=HYPERLINK(""http://evil.test"",""x"")",'+1+1,'-1+A1,'@SUM(A1),'\tx,"'\rx",-5,-5,Acme,\r\n`);
  });

  it('writes cells as they are when the guard is off', () => {
    expect(csvLine(['=1+1', '@x'], false)).toBe('=1+1,@x\r\n');
  });
});
