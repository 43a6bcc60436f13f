import { describe, expect, it } from 'vitest';
import { formatElapsed, formatHumanTable, isForPerson } from './human-table.ts';

describe('formatHumanTable', () => {
  it('aligns columns, numbers to the right, and cuts long values', () => {
    const text = formatHumanTable(
      [
        { name: 'Prospects', rows: 1200 },
        { name: 'A very long table name indeed', rows: 3 },
      ],
      [
        { header: 'NAME', value: (row) => row.name, maxWidth: 12 },
        { header: 'ROWS', value: (row) => row.rows.toLocaleString('en-US'), isNumeric: true },
      ],
    );
    expect(text).toBe(['NAME           ROWS', 'Prospects     1,200', 'A very long…      3', ''].join('\n'));
  });

  it('prints for a person only on a terminal without --json', () => {
    expect(isForPerson({}, { isTTY: true })).toBe(true);
    expect(isForPerson({ json: true }, { isTTY: true })).toBe(false);
    expect(isForPerson({}, { isTTY: false })).toBe(false);
  });

  it('says durations the way people do', () => {
    expect(formatElapsed(4.25)).toBe('4.3 s');
    expect(formatElapsed(185)).toBe('3 min 5 s');
    expect(formatElapsed(3720)).toBe('1 h 2 min');
  });
});
