import { describe, expect, it } from 'vitest';
import { CompanyVectorIndex, WorkspaceVectors } from './company-vector-index.ts';
import { simdAvailable } from './simd-dot-products.ts';

/** A deterministic unit vector per seed (a small linear congruential generator, no Math.random). */
function unit(seed: number, dimensions: number): Float32Array {
  let state = seed * 2_654_435_761 + 1;
  const values = Array.from({ length: dimensions }, () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648 - 0.5;
  });
  const norm = Math.hypot(...values);
  return Float32Array.from(values, (value) => value / norm);
}

function bruteForce(rows: Map<string, Float32Array>, query: Float32Array, k: number): string[] {
  const scored = [...rows].map(([id, vector]) => ({ id, similarity: Math.fround(vector.reduce((sum, value, index) => sum + value * query[index]!, 0)) }));
  scored.sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : 1));
  return scored.slice(0, k).map((row) => row.id);
}

describe('WorkspaceVectors', () => {
  it('finds the k nearest rows exactly across several blocks, after removals too', () => {
    const vectors = new WorkspaceVectors();
    const rows = new Map<string, Float32Array>();
    // 9,000 rows of 12 dimensions: three blocks, and a dimension count that is not a multiple of 8.
    for (let index = 0; index < 9_000; index += 1) {
      const id = `p${String(index).padStart(5, '0')}`;
      rows.set(id, unit(index, 12));
      vectors.upsert(id, rows.get(id)!);
    }
    const query = unit(123_456, 12);
    for (const k of [1, 20, 2_000, 9_000, 10_000]) {
      expect(vectors.nearest(query, k).map((neighbour) => neighbour.profileId)).toEqual(bruteForce(rows, query, k));
    }
    // Remove most of the rows (the last ones move into the holes; emptied blocks are dropped).
    for (let index = 0; index < 9_000; index += 1) {
      if (index % 5 === 0) continue;
      const id = `p${String(index).padStart(5, '0')}`;
      vectors.remove(id);
      rows.delete(id);
    }
    expect(vectors.size).toBe(1_800);
    expect(vectors.nearest(query, 50).map((neighbour) => neighbour.profileId)).toEqual(bruteForce(rows, query, 50));
    expect(vectors.vectorOf('p00000')).toEqual(rows.get('p00000'));
    expect(vectors.vectorOf('p00001')).toBeUndefined();
    expect(vectors.similarityOf('p00005', query)).toBeCloseTo(
      rows.get('p00005')!.reduce((sum, value, index) => sum + value * query[index]!, 0),
      5,
    );
    // Replaced in place, and added again after its removal.
    vectors.upsert('p00005', query);
    vectors.upsert('p00001', unit(1, 12));
    rows.set('p00005', query);
    rows.set('p00001', unit(1, 12));
    expect(vectors.nearest(query, 30).map((neighbour) => neighbour.profileId)).toEqual(bruteForce(rows, query, 30));
  });
});

describe('CompanyVectorIndex', () => {
  it('reads vectors again only when the embedding version moved, and drops the vectors of deleted profiles', async () => {
    const state = { version: 3, embeddingVersion: 1, deleted: [] as string[] };
    const stored = [
      { profileId: 'a', vector: unit(1, 8), embeddedAt: '2026-12-06T10:00:00.000Z' },
      { profileId: 'b', vector: unit(2, 8), embeddedAt: '2026-12-06T10:00:01.000Z' },
    ];
    let reads = 0;
    const index = new CompanyVectorIndex(
      {
        listCompanyEmbeddings: async (_workspaceId, _model, since) => {
          reads += 1;
          return stored.filter((vector) => since === null || vector.embeddedAt >= since);
        },
        listDeletedCompanyProfiles: async (_workspaceId, afterVersion) => ({
          version: state.version,
          embeddingVersion: state.embeddingVersion,
          profileIds: state.version > afterVersion ? state.deleted : [],
        }),
      },
      'model',
    );
    expect((await index.vectors('w')).size).toBe(2);
    expect(reads).toBe(1);
    await index.vectors('w');
    await index.vectors('w');
    expect(reads).toBe(1);
    stored.push({ profileId: 'c', vector: unit(3, 8), embeddedAt: '2026-12-06T10:00:02.000Z' });
    state.embeddingVersion = 2;
    expect((await index.vectors('w')).size).toBe(3);
    expect(reads).toBe(2);
    state.version = 4;
    state.deleted = ['a'];
    stored.splice(0, 1);
    const vectors = await index.vectors('w');
    expect(vectors.size).toBe(2);
    expect(vectors.vectorOf('a')).toBeUndefined();
    expect(reads).toBe(2);
  });
});

describe('WorkspaceVectors scanned by the SIMD kernel', () => {
  it('finds the same nearest rows as an exact scalar scan of 256-dimension vectors, with the same similarities to 1e-5', () => {
    expect(simdAvailable).toBe(true);
    const vectors = new WorkspaceVectors();
    const rows = new Map<string, Float32Array>();
    // 5,000 rows: two blocks of the matrix, and a remove that moves the last row.
    for (let index = 0; index < 5_000; index += 1) {
      const id = `r${String(index).padStart(5, '0')}`;
      rows.set(id, unit(index + 7, 256));
      vectors.upsert(id, rows.get(id)!);
    }
    vectors.remove('r00010');
    rows.delete('r00010');
    for (const seed of [1, 2, 3]) {
      const query = unit(900_000 + seed, 256);
      const scan = vectors.scan(query)!;
      const expected = bruteForce(rows, query, 300);
      expect(scan.nearest(300).map((neighbour) => neighbour.profileId)).toEqual(expected);
      for (const id of ['r00000', 'r04999', 'r01234']) {
        const exact = rows.get(id)!.reduce((sum, value, index) => sum + value * query[index]!, 0);
        expect(Math.abs(scan.similarityOf(id) - exact)).toBeLessThan(1e-5);
      }
      expect(scan.similarityOf('r00010')).toBe(0);
    }
    // Rows moving after a scan (a refresh removed a profile: the last row takes its place) do not
    // make the scan name the wrong profiles.
    const query = unit(900_009, 256);
    const scan = vectors.scan(query)!;
    vectors.remove('r00020');
    rows.delete('r00020');
    const moved = 'r04999';
    const exact = rows.get(moved)!.reduce((sum, value, index) => sum + value * query[index]!, 0);
    expect(Math.abs(scan.similarityOf(moved) - exact)).toBeLessThan(1e-5);
    expect(scan.nearest(50).map((neighbour) => neighbour.profileId)).toEqual(bruteForce(rows, query, 50));
  });
});

describe('CompanyVectorIndex bound', () => {
  it('keeps at most its bound of workspaces, dropping the least recently used', async () => {
    const reads: string[] = [];
    const store = {
      listDeletedCompanyProfiles: async () => ({ version: 1, embeddingVersion: 1, profileIds: [] }),
      listCompanyEmbeddings: async (workspaceId: string) => {
        reads.push(workspaceId);
        return [{ profileId: `${workspaceId}-1`, vector: unit(1, 8), embeddedAt: '2026-12-06T00:00:00.000Z' }];
      },
    };
    const index = new CompanyVectorIndex(store, 'model', 2);
    await index.vectors('a');
    await index.vectors('b');
    await index.vectors('a');
    await index.vectors('c');
    expect(index.heldWorkspaces()).toEqual(['a', 'c']);
    expect((await index.vectors('b')).size).toBe(1);
    expect(reads).toEqual(['a', 'b', 'c', 'b']);
  });
});
