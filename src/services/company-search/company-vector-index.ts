import type { Store } from '../../store/store.ts';

/** Vectors read per statement while loading a workspace's matrix. */
const LOAD_PAGE = 5_000;
/**
 * Vectors written this long before the newest one read are read again at each refresh: another
 * process's clock may be a little behind, and re-reading a vector only replaces it with itself.
 */
const CLOCK_MARGIN_MS = 2_000;

export interface VectorNeighbour {
  profileId: string;
  /** Cosine similarity, in [-1, 1]. */
  similarity: number;
}

/**
 * The vectors of one workspace as one Float32Array matrix (unit rows), scanned exactly: neither
 * sqlite-vec nor pgvector is assumed. 100,000 profiles × 256 dimensions are 100 MB and a full
 * scan is tens of milliseconds.
 */
export class WorkspaceVectors {
  private matrix = new Float32Array(0);
  private readonly rowOf = new Map<string, number>();
  private readonly ids: string[] = [];
  dimensions = 0;
  /** Newest `embedded_at` read, and its profile: where the next refresh starts. */
  cursor: { embeddedAt: string; profileId: string } | null = null;
  /** The workspace's company-index version up to which deletions were applied (null: not loaded yet). */
  indexVersion: number | null = null;
  /** The workspace's embedding version when vectors were last read (null: never read). */
  embeddingVersion: number | null = null;

  get size(): number {
    return this.ids.length;
  }

  /** Add or replace a profile's vector; vectors of another dimension than the first are ignored (a model change re-embeds). */
  upsert(profileId: string, vector: Float32Array): void {
    if (this.dimensions === 0) this.dimensions = vector.length;
    if (vector.length !== this.dimensions) return;
    let row = this.rowOf.get(profileId);
    if (row === undefined) {
      row = this.ids.length;
      this.ensureCapacity(row + 1);
      this.ids.push(profileId);
      this.rowOf.set(profileId, row);
    }
    this.matrix.set(vector, row * this.dimensions);
  }

  /** Drop a profile's vector (the profile was deleted): the last row moves into its place. */
  remove(profileId: string): void {
    const row = this.rowOf.get(profileId);
    if (row === undefined) return;
    const last = this.ids.length - 1;
    if (row !== last) {
      const movedId = this.ids[last]!;
      this.matrix.copyWithin(row * this.dimensions, last * this.dimensions, (last + 1) * this.dimensions);
      this.ids[row] = movedId;
      this.rowOf.set(movedId, row);
    }
    this.ids.pop();
    this.rowOf.delete(profileId);
  }

  /** Room for `rows` vectors, grown by half again so loading 100,000 rows copies little. */
  ensureCapacity(rows: number): void {
    if (this.dimensions === 0 || rows * this.dimensions <= this.matrix.length) return;
    const grown = new Float32Array(Math.max(rows, Math.ceil(this.ids.length * 1.5), 1_024) * this.dimensions);
    grown.set(this.matrix.subarray(0, this.ids.length * this.dimensions));
    this.matrix = grown;
  }

  /** Cosine similarity of a profile to `query` (unit length); 0 when the profile has no vector. */
  similarityOf(profileId: string, query: Float32Array): number {
    const row = this.rowOf.get(profileId);
    if (row === undefined || query.length !== this.dimensions) return 0;
    let dot = 0;
    const offset = row * this.dimensions;
    for (let index = 0; index < this.dimensions; index += 1) dot += this.matrix[offset + index]! * query[index]!;
    return dot;
  }

  vectorOf(profileId: string): Float32Array | undefined {
    const row = this.rowOf.get(profileId);
    return row === undefined ? undefined : this.matrix.slice(row * this.dimensions, (row + 1) * this.dimensions);
  }

  /**
   * The `k` rows most similar to `query` (unit length), best first, ties by profile id. Every
   * row is scored; the k-th best score is found by sorting a copy of the scores (native typed
   * sort), and only rows at or above it are ordered.
   */
  nearest(query: Float32Array, k: number): VectorNeighbour[] {
    const count = this.ids.length;
    if (count === 0 || k <= 0 || query.length !== this.dimensions) return [];
    const dimensions = this.dimensions;
    const matrix = this.matrix;
    const scores = new Float32Array(count);
    for (let row = 0; row < count; row += 1) {
      let dot = 0;
      const offset = row * dimensions;
      for (let index = 0; index < dimensions; index += 1) dot += matrix[offset + index]! * query[index]!;
      scores[row] = dot;
    }
    let threshold = Number.NEGATIVE_INFINITY;
    if (k < count) {
      const sorted = scores.slice().sort();
      threshold = sorted[count - k]!;
    }
    const chosen: VectorNeighbour[] = [];
    for (let row = 0; row < count; row += 1) {
      if (scores[row]! >= threshold) chosen.push({ profileId: this.ids[row]!, similarity: scores[row]! });
    }
    chosen.sort((a, b) => b.similarity - a.similarity || (a.profileId < b.profileId ? -1 : a.profileId > b.profileId ? 1 : 0));
    return chosen.slice(0, k);
  }
}

/**
 * Each workspace's vectors of one model, loaded on first use and brought up to date before each
 * use by reading the vectors written since (an indexed read that usually returns nothing), so
 * vectors another process's workers wrote are searched too, and by dropping the vectors of
 * profiles deleted since (the company index's change log, read only when its version moved).
 */
export class CompanyVectorIndex {
  private readonly workspaces = new Map<string, WorkspaceVectors>();
  private readonly loading = new Map<string, Promise<WorkspaceVectors>>();

  constructor(
    private readonly store: Pick<Store, 'listCompanyEmbeddings' | 'listDeletedCompanyProfiles'>,
    readonly model: string,
  ) {}

  /** The workspace's vectors, up to date with what is stored. */
  async vectors(workspaceId: string): Promise<WorkspaceVectors> {
    // One refresh at a time per workspace; callers arriving meanwhile share it.
    const pending = this.loading.get(workspaceId);
    if (pending) return pending;
    const refresh = this.refresh(workspaceId).finally(() => this.loading.delete(workspaceId));
    this.loading.set(workspaceId, refresh);
    return refresh;
  }

  private async refresh(workspaceId: string): Promise<WorkspaceVectors> {
    let vectors = this.workspaces.get(workspaceId);
    if (!vectors) {
      vectors = new WorkspaceVectors();
      this.workspaces.set(workspaceId, vectors);
    }
    // The versions first: whatever commits after this read has larger ones, and is read next time.
    const changes = await this.store.listDeletedCompanyProfiles(workspaceId, vectors.indexVersion ?? Number.MAX_SAFE_INTEGER);
    // On the first load deleted profiles have no stored vector to remove; later, drop those deleted since.
    if (vectors.indexVersion !== null) for (const profileId of changes.profileIds) vectors.remove(profileId);
    vectors.indexVersion = changes.version;
    // No vector stored since the last look: nothing to read (re-reading the clock margin each search cost thousands of rows).
    if (vectors.embeddingVersion === changes.embeddingVersion) return vectors;
    const since = vectors.cursor ? new Date(Date.parse(vectors.cursor.embeddedAt) - CLOCK_MARGIN_MS).toISOString() : null;
    let after: { embeddedAt: string; profileId: string } | null = null;
    for (;;) {
      const page = await this.store.listCompanyEmbeddings(workspaceId, this.model, since, after, LOAD_PAGE);
      for (const stored of page) vectors.upsert(stored.profileId, stored.vector);
      const last = page.at(-1);
      if (last) {
        after = { embeddedAt: last.embeddedAt, profileId: last.profileId };
        if (!vectors.cursor || last.embeddedAt >= vectors.cursor.embeddedAt) vectors.cursor = after;
      }
      if (page.length < LOAD_PAGE) break;
    }
    vectors.embeddingVersion = changes.embeddingVersion;
    return vectors;
  }
}
