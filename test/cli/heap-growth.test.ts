import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { limitHeapGrowth } from '../../src/cli/heap-growth.ts';

const RUN_TS = fileURLToPath(new URL('../../bin/run-ts.js', import.meta.url));
const HEAP_CHURN = fileURLToPath(new URL('../support/heap-churn.ts', import.meta.url));

async function largestOldSpaceMb(percent: number): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, [RUN_TS, HEAP_CHURN, String(percent)], { timeout: 60_000 });
  return (JSON.parse(stdout.trim()) as { largestOldSpaceMb: number }).largestOldSpaceMb;
}

describe('limitHeapGrowth (fathom worker processes)', () => {
  it('bounds the old space of a running process: V8 reads the flag set after start-up', async () => {
    // Same workload, side by side: only the bound differs. Unbounded, V8 let the old space reach
    // ~130 MB over ~25 MB live here; bounded at 30 %, ~80 MB. If a Node upgrade made V8 ignore the
    // flag once running, both would grow alike and this fails.
    const [unbounded, bounded] = await Promise.all([largestOldSpaceMb(0), largestOldSpaceMb(30)]);
    expect(bounded).toBeLessThan(unbounded * 0.8);
  });

  it('leaves V8 its own choice at 0', () => {
    const flags: string[] = [];
    limitHeapGrowth(0, (flag) => flags.push(flag));
    limitHeapGrowth(30, (flag) => flags.push(flag));
    expect(flags).toEqual(['--heap-growing-percent=30']);
  });
});
