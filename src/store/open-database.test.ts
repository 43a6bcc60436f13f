import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './open-database.ts';

describe('openDatabase on SQLite', () => {
  const directories: string[] = [];
  afterEach(() => {
    for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
  });

  it('creates the data directory 0700 and the database, WAL and SHM files 0600', async () => {
    const root = mkdtempSync(join(tmpdir(), 'fathom-modes-'));
    directories.push(root);
    const path = join(root, 'data', 'nested', 'fathom.db');
    const opened = await openDatabase({ engine: 'sqlite', path });
    try {
      const mode = (file: string) => statSync(file).mode & 0o777;
      expect(mode(join(root, 'data'))).toBe(0o700);
      expect(mode(join(root, 'data', 'nested'))).toBe(0o700);
      expect(mode(path)).toBe(0o600);
      expect(mode(`${path}-wal`)).toBe(0o600);
      expect(mode(`${path}-shm`)).toBe(0o600);
    } finally {
      await opened.close();
    }
  });
});
