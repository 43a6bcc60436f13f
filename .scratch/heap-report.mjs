import v8 from 'node:v8';
import { writeFileSync } from 'node:fs';
process.on('SIGUSR2', () => {
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, `${(s.space_size / 1048576).toFixed(1)}/${(s.space_used_size / 1048576).toFixed(1)}`]));
  const m = process.memoryUsage();
  writeFileSync(`/tmp/heap-${process.pid}.json`, JSON.stringify({ rss: (m.rss / 1048576).toFixed(0), heapTotal: (m.heapTotal / 1048576).toFixed(0), heapUsed: (m.heapUsed / 1048576).toFixed(0), external: (m.external / 1048576).toFixed(0), arrayBuffers: (m.arrayBuffers / 1048576).toFixed(0), spaces }));
});
