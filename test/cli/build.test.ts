import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
// Inside the repository, so the compiled files resolve the installed packages.
const outDir = mkdtempSync(join(process.cwd(), '.build-test-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('npm run build', () => {
  it('compiles the server to JavaScript that runs without tsx', async () => {
    // The same project file `npm run build` uses, into a temporary directory.
    await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', outDir], { timeout: 120_000 });
    const { stdout } = await run(process.execPath, [join(outDir, 'cli/main.js'), '--version'], { timeout: 30_000 });
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  }, 150_000);
});
