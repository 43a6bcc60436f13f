import { it } from 'vitest';

/**
 * The tally of a hostile run: every case is one `it`, counted under its audit category as tried,
 * and as held when it passed. The suite prints the table when it ends.
 */
export interface HostileTally {
  /** Register one attack: `attempt` throws (an expectation fails) when the server did not hold. */
  hostileCase(category: string, name: string, attempt: () => Promise<void> | void, timeoutMs?: number): void;
  /** The summary table, one line per category, with the cases that did not hold. */
  render(): string;
}

export function createHostileTally(): HostileTally {
  const categories = new Map<string, { tried: number; held: number; failed: string[] }>();
  const entry = (category: string) => {
    let found = categories.get(category);
    if (!found) {
      found = { tried: 0, held: 0, failed: [] };
      categories.set(category, found);
    }
    return found;
  };
  return {
    hostileCase(category, name, attempt, timeoutMs) {
      it(
        `${category}: ${name}`,
        async () => {
          const counts = entry(category);
          counts.tried += 1;
          try {
            await attempt();
            counts.held += 1;
          } catch (error) {
            counts.failed.push(name);
            throw error;
          }
        },
        timeoutMs,
      );
    },
    render() {
      const rows = [...categories].map(([category, counts]) => [category, String(counts.tried), String(counts.held)]);
      const total = [...categories.values()].reduce((sum, counts) => ({ tried: sum.tried + counts.tried, held: sum.held + counts.held }), {
        tried: 0,
        held: 0,
      });
      rows.push(['total', String(total.tried), String(total.held)]);
      const widths = [0, 1, 2].map((column) => Math.max(...[['category', 'tried', 'held'], ...rows].map((row) => row[column]!.length)));
      const line = (row: string[]) =>
        `| ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ')} |`;
      const failures = [...categories].flatMap(([category, counts]) => counts.failed.map((name) => `  did not hold: ${category}: ${name}`));
      return [
        'Hostile suite: cases tried / held',
        line(['category', 'tried', 'held']),
        `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
        ...rows.slice(0, -1).map(line),
        line(rows.at(-1)!),
        ...failures,
      ].join('\n');
    },
  };
}
