import type { Store } from '../../store/store.ts';
import { yieldToEventLoop } from '../../store/company-index/yield-to-event-loop.ts';
import { type DotProducts, simdDotProducts } from './simd-dot-products.ts';

/** Vectors read per statement while loading a workspace's matrix, unless told (see companyIndexLoadPages); the event loop runs between them. */
const LOAD_PAGE = 1_000;
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
 * Rows the matrix grows by: loading never copies it (a WebAssembly memory grows in place) and it
 * holds at most one block of unused room.
 */
const BLOCK_ROWS = 4_096;
const PAGE_BYTES = 65_536;

/**
 * The vectors of one workspace as one float32 matrix (unit rows) in a WebAssembly memory of its
 * own, scanned exactly by the SIMD kernel (simd-dot-products.ts; the scalar loop where it cannot
 * run): neither sqlite-vec nor pgvector is assumed. 100,000 profiles × 256 dimensions are 100 MB
 * and a full scan is about 10 ms. Past the matrix, the memory holds the query and the scores of a scan.
 * A WebAssembly memory never shrinks: removed rows leave room that later rows reuse.
 */
export class WorkspaceVectors {
  private readonly memory = new WebAssembly.Memory({ initial: 1 });
  private kernel: DotProducts | null | undefined;
  private floats = new Float32Array(this.memory.buffer);
  private capacity = 0;
  private readonly rowOf = new Map<string, number>();
  private readonly ids: string[] = [];
  /** Rows moved so far (a removal moves the last row): a scan's row numbers hold while this is unchanged. */
  moves = 0;
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

  /** Bytes the matrix and its scratch room take. */
  get bytes(): number {
    return this.memory.buffer.byteLength;
  }

  /** Add or replace a profile's vector; vectors of another dimension than the first are ignored (a model change re-embeds). */
  upsert(profileId: string, vector: Float32Array): void {
    if (this.dimensions === 0) this.dimensions = vector.length;
    if (vector.length !== this.dimensions) return;
    let row = this.rowOf.get(profileId);
    if (row === undefined) {
      row = this.ids.length;
      if (row >= this.capacity) this.grow(this.capacity + BLOCK_ROWS);
      this.ids.push(profileId);
      this.rowOf.set(profileId, row);
    }
    this.floats.set(vector, row * this.dimensions);
  }

  /** Drop a profile's vector (the profile was deleted): the last row moves into its place. */
  remove(profileId: string): void {
    const row = this.rowOf.get(profileId);
    if (row === undefined) return;
    const last = this.ids.length - 1;
    this.moves += 1;
    if (row !== last) {
      const movedId = this.ids[last]!;
      this.floats.copyWithin(row * this.dimensions, last * this.dimensions, (last + 1) * this.dimensions);
      this.ids[row] = movedId;
      this.rowOf.set(movedId, row);
    }
    this.ids.pop();
    this.rowOf.delete(profileId);
  }

  /** Room for `rows` rows, the query and the scores of that many rows. */
  private grow(rows: number): void {
    const needed = (rows * this.dimensions + this.dimensions + rows) * 4;
    const pages = Math.ceil(needed / PAGE_BYTES) - this.memory.buffer.byteLength / PAGE_BYTES;
    if (pages > 0) this.memory.grow(pages);
    this.capacity = rows;
    // Growing detaches the old buffer: views are taken again.
    this.floats = new Float32Array(this.memory.buffer);
  }

  /** A row's vector, a view into the matrix. */
  private rowVector(row: number): Float32Array {
    const start = row * this.dimensions;
    return this.floats.subarray(start, start + this.dimensions);
  }

  /** Cosine similarity of a profile to `query` (unit length); 0 when the profile has no vector. */
  similarityOf(profileId: string, query: Float32Array): number {
    const row = this.rowOf.get(profileId);
    if (row === undefined || query.length !== this.dimensions) return 0;
    const vector = this.rowVector(row);
    let dot = 0;
    for (let index = 0; index < this.dimensions; index += 1) dot += vector[index]! * query[index]!;
    return dot;
  }

  rowOfProfile(profileId: string): number | undefined {
    return this.rowOf.get(profileId);
  }

  vectorOf(profileId: string): Float32Array | undefined {
    const row = this.rowOf.get(profileId);
    return row === undefined ? undefined : this.rowVector(row).slice();
  }

  /** The `k` rows most similar to `query` (unit length), best first, ties by profile id. */
  nearest(query: Float32Array, k: number): VectorNeighbour[] {
    return this.scan(query)?.nearest(k) ?? [];
  }

  /**
   * Every row's similarity to `query` (unit length), computed once: a lookalike takes its nearest
   * rows and the similarity of its text matches from the same scan. Null when nothing can be compared.
   */
  scan(query: Float32Array): VectorScan | null {
    const count = this.ids.length;
    if (count === 0 || query.length !== this.dimensions) return null;
    const dimensions = this.dimensions;
    const queryAt = this.capacity * dimensions;
    const scoresAt = queryAt + dimensions;
    this.floats.set(query, queryAt);
    if (this.kernel === undefined) this.kernel = dimensions % 8 === 0 ? simdDotProducts(this.memory) : null;
    if (this.kernel) this.kernel(0, queryAt * 4, count, dimensions, scoresAt * 4);
    else scoreRows(this.floats, query, count, dimensions, this.floats, scoresAt);
    // Copied out: the next scan (or a growth) reuses that room.
    return new VectorScan(this.floats.slice(scoresAt, scoresAt + count), this.ids, this.moves, this, query);
  }
}

/** One query's similarity to every row of a workspace's vectors (see WorkspaceVectors.scan). */
export class VectorScan {
  constructor(
    private readonly scores: Float32Array,
    /** The workspace's ids by row (not a copy: 100,000 ids a scan fed the garbage collector), valid while `moves` holds. */
    private readonly ids: readonly string[],
    private readonly moves: number,
    private readonly vectors: WorkspaceVectors,
    private readonly query: Float32Array,
  ) {}

  /** A profile's similarity; 0 when it has no vector. */
  similarityOf(profileId: string): number {
    const row = this.vectors.rowOfProfile(profileId);
    if (row !== undefined && row < this.scores.length && this.vectors.moves === this.moves) return this.scores[row]!;
    // Rows moved (vectors were refreshed since the scan), or the profile is new: computed alone.
    return this.vectors.similarityOf(profileId, this.query);
  }

  /**
   * The `k` most similar rows, best first, ties by profile id. The scores are counted into a
   * histogram to find the bucket of the k-th best, and only rows in that bucket or above are
   * ordered, so no sort of all 100,000 scores.
   */
  nearest(k: number): VectorNeighbour[] {
    // Rows moved since the scan: scanned again, so row numbers name the right profiles.
    if (this.vectors.moves !== this.moves) return this.vectors.nearest(this.query, k);
    const scores = this.scores;
    const count = scores.length;
    if (count === 0 || k <= 0) return [];
    const floor = k < count ? bucketFloor(scores, k) : { bucketOf: () => 0, lowest: 0 };
    const chosen: VectorNeighbour[] = [];
    for (let row = 0; row < count; row += 1) {
      if (floor.bucketOf(scores[row]!) >= floor.lowest) chosen.push({ profileId: this.ids[row]!, similarity: scores[row]! });
    }
    chosen.sort((a, b) => b.similarity - a.similarity || (a.profileId < b.profileId ? -1 : a.profileId > b.profileId ? 1 : 0));
    return chosen.slice(0, k);
  }
}

/** Dot products of the first `count` rows of `matrix` with `query`, into `scores` from `into` (where the SIMD kernel cannot run). */
function scoreRows(matrix: Float32Array, query: Float32Array, count: number, dimensions: number, scores: Float32Array, into: number): void {
  const whole = dimensions - (dimensions % 8);
  for (let row = 0, offset = 0; row < count; row += 1, offset += dimensions) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    let s7 = 0;
    for (let index = 0; index < whole; index += 8) {
      const at = offset + index;
      s0 += matrix[at]! * query[index]!;
      s1 += matrix[at + 1]! * query[index + 1]!;
      s2 += matrix[at + 2]! * query[index + 2]!;
      s3 += matrix[at + 3]! * query[index + 3]!;
      s4 += matrix[at + 4]! * query[index + 4]!;
      s5 += matrix[at + 5]! * query[index + 5]!;
      s6 += matrix[at + 6]! * query[index + 6]!;
      s7 += matrix[at + 7]! * query[index + 7]!;
    }
    for (let index = whole; index < dimensions; index += 1) s0 += matrix[offset + index]! * query[index]!;
    scores[into + row] = s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7;
  }
}

const BUCKETS = 4_096;

/** The histogram bucket (of BUCKETS over the scores' range) holding the k-th best score: every better score is in it or above. */
function bucketFloor(scores: Float32Array, k: number): { bucketOf: (score: number) => number; lowest: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let row = 0; row < scores.length; row += 1) {
    const score = scores[row]!;
    if (score < min) min = score;
    if (score > max) max = score;
  }
  const width = (max - min) / BUCKETS || 1;
  const bucketOf = (score: number) => Math.min(BUCKETS - 1, Math.floor((score - min) / width));
  const histogram = new Int32Array(BUCKETS);
  for (let row = 0; row < scores.length; row += 1) histogram[bucketOf(scores[row]!)]! += 1;
  let seen = 0;
  let lowest = BUCKETS - 1;
  for (; lowest > 0; lowest -= 1) {
    seen += histogram[lowest]!;
    if (seen >= k) break;
  }
  return { bucketOf, lowest };
}

/**
 * Each workspace's vectors of one model, loaded on first use and brought up to date before each
 * use by reading the vectors written since (an indexed read that usually returns nothing), so
 * vectors another process's workers wrote are searched too, and by dropping the vectors of
 * profiles deleted since (the company index's change log, read only when its version moved).
 * At most `maxWorkspaces` workspaces are held, the least recently used dropped first (as the text
 * indexes, see CompanyIndexCache).
 */
export class CompanyVectorIndex {
  /** In order of use, least recent first. */
  private readonly workspaces = new Map<string, WorkspaceVectors>();
  private readonly loading = new Map<string, Promise<WorkspaceVectors>>();

  constructor(
    private readonly store: Pick<Store, 'listCompanyEmbeddings' | 'listDeletedCompanyProfiles'>,
    readonly model: string,
    private readonly maxWorkspaces = Number.POSITIVE_INFINITY,
    private readonly loadPage = LOAD_PAGE,
  ) {}

  /** The workspace's vectors, up to date with what is stored. */
  async vectors(workspaceId: string): Promise<WorkspaceVectors> {
    // One refresh at a time per workspace; callers arriving meanwhile (a search during the
    // start-up warm-up) share it.
    const pending = this.loading.get(workspaceId);
    if (pending) return pending;
    const refresh = this.refresh(workspaceId)
      .then((vectors) => this.use(workspaceId, vectors))
      .finally(() => this.loading.delete(workspaceId));
    this.loading.set(workspaceId, refresh);
    return refresh;
  }

  /** Workspaces whose vectors are held, least recently used first. */
  heldWorkspaces(): string[] {
    return [...this.workspaces.keys()];
  }

  private use(workspaceId: string, vectors: WorkspaceVectors): WorkspaceVectors {
    this.workspaces.delete(workspaceId);
    this.workspaces.set(workspaceId, vectors);
    for (const held of this.workspaces.keys()) {
      if (this.workspaces.size <= this.maxWorkspaces) break;
      if (held !== workspaceId) this.workspaces.delete(held);
    }
    return vectors;
  }

  private async refresh(workspaceId: string): Promise<WorkspaceVectors> {
    // A workspace loading is in no map but `loading`: its callers wait for the whole of it.
    const vectors = this.workspaces.get(workspaceId) ?? new WorkspaceVectors();
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
      const page = await this.store.listCompanyEmbeddings(workspaceId, this.model, since, after, this.loadPage);
      for (const stored of page) vectors.upsert(stored.profileId, stored.vector);
      const last = page.at(-1);
      if (last) {
        after = { embeddedAt: last.embeddedAt, profileId: last.profileId };
        if (!vectors.cursor || last.embeddedAt >= vectors.cursor.embeddedAt) vectors.cursor = after;
      }
      if (page.length < this.loadPage) break;
      await yieldToEventLoop();
    }
    vectors.embeddingVersion = changes.embeddingVersion;
    return vectors;
  }
}
