/**
 * Bounds this process's heap growth (limitHeapGrowth, percent from argv), keeps ~25 MB live and
 * churns objects that live long enough to be promoted, as a worker's held cells are; prints the
 * old space's largest size (MB) seen.
 */
import v8 from 'node:v8';
import { limitHeapGrowth } from '../../src/cli/heap-growth.ts';

limitHeapGrowth(Number(process.argv[2]));
const live = Array.from({ length: 300_000 }, (_, index) => ({ index, text: `live ${index}` }));
let largest = 0;
for (let round = 0; round < 150; round += 1) {
  const held = Array.from({ length: 20_000 }, (_, index) => ({ round, index, text: `held ${round} ${index}`, list: [index, round] }));
  held.length = 0;
  const oldSpace = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'old_space')!.space_used_size;
  largest = Math.max(largest, oldSpace);
}
process.stdout.write(`${JSON.stringify({ live: live.length, largestOldSpaceMb: largest / 1048576 })}\n`);
