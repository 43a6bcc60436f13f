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

  it('reads outside transactions on a read-only connection of its own that sees every committed write at once', async () => {
    const root = mkdtempSync(join(tmpdir(), 'fathom-reader-'));
    directories.push(root);
    const opened = await openDatabase({ engine: 'sqlite', path: join(root, 'fathom.db') });
    try {
      expect(opened.readDb).not.toBe(opened.db);
      const workspace = { id: 'w1', slug: 'w1', name: 'W', created_at: new Date().toISOString() };
      await opened.db.insertInto('workspaces').values(workspace).execute();
      expect(await opened.readDb.selectFrom('workspaces').select('slug').execute()).toEqual([{ slug: 'w1' }]);
      // A writer holding its transaction open does not hold the reader up.
      await opened.db.transaction().execute(async (transaction) => {
        await transaction.updateTable('workspaces').set({ slug: 'w2' }).execute();
        expect(await opened.readDb.selectFrom('workspaces').select('slug').execute()).toEqual([{ slug: 'w1' }]);
      });
      expect(await opened.readDb.selectFrom('workspaces').select('slug').execute()).toEqual([{ slug: 'w2' }]);
      await expect(opened.readDb.deleteFrom('workspaces').execute()).rejects.toThrow(/readonly/);
    } finally {
      await opened.close();
    }
  });
});
