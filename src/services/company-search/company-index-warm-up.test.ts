import { describe, expect, it } from 'vitest';
import { warmCompanyIndexes } from './company-index-warm-up.ts';
import { CompanyVectorIndex } from './company-vector-index.ts';

describe('warmCompanyIndexes', () => {
  it('loads the listed workspaces one after the other, text then vectors, and stops when closing', async () => {
    const calls: string[] = [];
    const stop = new AbortController();
    const store = {
      listWorkspacesWithCompanyProfiles: async (limit: number) => {
        calls.push(`list ${limit}`);
        return ['a', 'b', 'c'];
      },
      warmCompanyIndex: async (workspaceId: string) => {
        calls.push(`text ${workspaceId}`);
        if (workspaceId === 'b') stop.abort();
        return 5;
      },
    };
    const vectors = new CompanyVectorIndex(
      {
        listDeletedCompanyProfiles: async () => ({ version: 1, embeddingVersion: 1, profileIds: [] }),
        listCompanyEmbeddings: async (workspaceId) => {
          calls.push(`vectors ${workspaceId}`);
          return [];
        },
      },
      'model',
    );
    const report = await warmCompanyIndexes({ store, vectors, maxWorkspaces: 3, signal: stop.signal });
    expect(calls).toEqual(['list 3', 'text a', 'vectors a', 'text b']);
    expect(report.stopped).toBe('closing');
    expect(report.workspaces.map((warmed) => [warmed.workspaceId, warmed.profiles, warmed.vectors])).toEqual([['a', 5, 0]]);
  });

  it('reports a failed read instead of throwing (the index then loads at the first search)', async () => {
    const store = {
      listWorkspacesWithCompanyProfiles: async () => ['a'],
      warmCompanyIndex: async () => {
        throw new Error('database is locked');
      },
    };
    const report = await warmCompanyIndexes({ store, maxWorkspaces: 8, signal: new AbortController().signal });
    expect(report).toEqual({ workspaces: [], stopped: 'database is locked' });
  });
});
