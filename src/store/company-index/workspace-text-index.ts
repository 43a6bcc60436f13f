import { indexedText, inverseDocumentFrequency, stemOf, termStrength } from '../../domain/company-search/index-tokens.ts';
import type { SearchDocument, SearchFirmographics } from '../../domain/company-search/search-document.ts';

/** A profile as the in-memory index holds it: its text (for the postings) and what filters compare. */
export interface CompanyIndexEntry {
  id: string;
  domain: string;
  document: SearchDocument;
  firmographics: SearchFirmographics;
}

/** One term's postings: (slot, weighted count in tenths) pairs, appended as profiles are added. */
interface Postings {
  pairs: Int32Array;
  /** Pairs in use (the array holds twice as many numbers). */
  count: number;
}

/**
 * A term held by one profile only (most of a real index's terms: names, numbers, domains) is one
 * number, `slot × SINGLE + tenths`, not an object and an array: a third of the memory at 100,000 profiles.
 */
type TermPostings = Postings | number;
const SINGLE = 1_048_576;

export interface RankedSlot {
  id: string;
  /** BM25 strength (≥ 0) as FTS5 computes it; 0 when the query had no terms. */
  strength: number;
}

/** Which slots a query may return; built by `compileFilters`. */
export type SlotFilter = (slot: number) => boolean;

const NO_KEY = -1;
const NO_YEAR = -2_147_483_648;
const INITIAL_SLOTS = 1_024;

/**
 * One workspace's company index in memory: an inverted index of stems (BM25 exactly as FTS5's
 * `bm25()` with the same column weights, over this workspace's profiles) and, beside it, each
 * profile's firmographic keys, so a search is ranked and filtered without SQL.
 *
 * Profiles live in slots. A profile saved again takes a new slot and its old one is marked dead
 * (its postings stay until the next compaction, skipped while scoring); a deleted profile's slot
 * is marked dead the same way. Compaction renumbers the live slots once the dead ones outnumber
 * half the live ones.
 */
export class WorkspaceTextIndex {
  /** Version of the workspace's index changes this holds (see CompanyIndexCache). */
  version = 0;
  private ids: string[] = [];
  private domains: string[] = [];
  private live = new Uint8Array(INITIAL_SLOTS);
  private lengths = new Int32Array(INITIAL_SLOTS);
  private sizes = new Int32Array(INITIAL_SLOTS);
  private countries = new Int32Array(INITIAL_SLOTS);
  private cities = new Int32Array(INITIAL_SLOTS);
  private years = new Int32Array(INITIAL_SLOTS);
  private readonly slotOfId = new Map<string, number>();
  private readonly slotOfDomain = new Map<string, number>();
  private postings = new Map<string, TermPostings>();
  /** Firmographic keys (size buckets, country and city keys) as small numbers, one dictionary for all. */
  private readonly keyCodes = new Map<string, number>();
  private readonly keys: string[] = [];
  private liveCount = 0;
  private deadCount = 0;
  private totalLength = 0;
  /** Reused per ranking: scores by slot, and the slots that scored (JS runs one ranking at a time). */
  private scores = new Float64Array(0);
  private touched = new Int32Array(0);

  get size(): number {
    return this.liveCount;
  }

  has(profileId: string): boolean {
    return this.slotOfId.has(profileId);
  }

  /** Add a profile, or replace what the index holds of it. */
  upsert(entry: CompanyIndexEntry): void {
    const previous = this.slotOfId.get(entry.id);
    if (previous !== undefined) this.kill(previous);
    const slot = this.ids.length;
    this.ensureSlots(slot + 1);
    const text = indexedText(entry.document);
    this.ids.push(entry.id);
    this.domains.push(entry.domain);
    this.live[slot] = 1;
    this.lengths[slot] = text.length;
    this.sizes[slot] = this.codeOf(entry.firmographics.sizeBucket);
    this.countries[slot] = this.codeOf(entry.firmographics.countryKey);
    this.cities[slot] = this.codeOf(entry.firmographics.cityKey);
    this.years[slot] = entry.firmographics.foundingYear ?? NO_YEAR;
    this.slotOfId.set(entry.id, slot);
    this.slotOfDomain.set(entry.domain, slot);
    this.liveCount += 1;
    this.totalLength += text.length;
    for (const [stem, tenths] of text.weightedTenths) {
      const held = this.postings.get(stem);
      if (held === undefined) {
        this.postings.set(stem, slot * SINGLE + Math.min(tenths, SINGLE - 1));
        continue;
      }
      let postings: Postings;
      if (typeof held === 'number') {
        postings = { pairs: new Int32Array(8), count: 1 };
        postings.pairs[0] = Math.floor(held / SINGLE);
        postings.pairs[1] = held % SINGLE;
        this.postings.set(stem, postings);
      } else postings = held;
      if (postings.count * 2 + 2 > postings.pairs.length) {
        const grown = new Int32Array(postings.pairs.length * 2);
        grown.set(postings.pairs);
        postings.pairs = grown;
      }
      postings.pairs[postings.count * 2] = slot;
      postings.pairs[postings.count * 2 + 1] = tenths;
      postings.count += 1;
    }
  }

  /** Forget a profile (deleted, or moved out of the workspace); nothing when it is not held. */
  remove(profileId: string): void {
    const slot = this.slotOfId.get(profileId);
    if (slot !== undefined) this.kill(slot);
  }

  /** The slot of a live profile whose own domain is `domain`. */
  slotOfDomainName(domain: string): number | undefined {
    return this.slotOfDomain.get(domain);
  }

  slotOfProfile(profileId: string): number | undefined {
    return this.slotOfId.get(profileId);
  }

  /** What the filters of §6.4 compare, for a live slot. */
  firmographicsOf(slot: number): SearchFirmographics {
    return {
      sizeBucket: this.keyOf(this.sizes[slot]!),
      countryKey: this.keyOf(this.countries[slot]!),
      cityKey: this.keyOf(this.cities[slot]!),
      foundingYear: this.years[slot] === NO_YEAR ? null : this.years[slot]!,
    };
  }

  /** Codes of known keys (a key no profile has matches none, so it has no code). */
  codesOf(keys: string[]): Set<number> {
    const codes = new Set<number>();
    for (const key of keys) {
      const code = this.keyCodes.get(key);
      if (code !== undefined) codes.add(code);
    }
    return codes;
  }

  sizeCode(slot: number): number {
    return this.sizes[slot]!;
  }
  countryCode(slot: number): number {
    return this.countries[slot]!;
  }
  cityCode(slot: number): number {
    return this.cities[slot]!;
  }
  /** The founding year, or null when unknown. */
  yearOf(slot: number): number | null {
    return this.years[slot] === NO_YEAR ? null : this.years[slot]!;
  }

  /**
   * The best `limit` live profiles holding any of `terms` (query words, stemmed here as FTS5 stems
   * them), by BM25 strength, ties by profile id; with no terms, every profile `accept` keeps, by id.
   * Every matching posting is scored (typed arrays, a few milliseconds at 100,000 profiles); only
   * the selection of the best is bounded by `limit`.
   */
  rank(terms: string[], accept: SlotFilter | null, limit: number): RankedSlot[] {
    if (limit <= 0 || this.liveCount === 0) return [];
    const slotCount = this.ids.length;
    if (terms.length === 0) {
      const best = new BoundedBest(limit, (a, b) => compareStrings(this.ids[a]!, this.ids[b]!));
      for (let slot = 0; slot < slotCount; slot += 1) if (this.live[slot] && (!accept || accept(slot))) best.offer(slot);
      return best.sorted().map((slot) => ({ id: this.ids[slot]!, strength: 0 }));
    }
    if (this.scores.length < slotCount) {
      this.scores = new Float64Array(this.ids.length + INITIAL_SLOTS);
      this.touched = new Int32Array(this.ids.length + INITIAL_SLOTS);
    }
    const scores = this.scores;
    const touched = this.touched;
    const live = this.live;
    const lengths = this.lengths;
    let touchedCount = 0;
    const averageLength = this.totalLength / this.liveCount;
    try {
      // Each query word is its own phrase, as in FTS5's `"a" OR "b"`: two words with one stem count twice there too.
      for (const term of terms) {
        const held = this.postings.get(stemOf(term));
        if (held === undefined) continue;
        const postings = typeof held === 'number' ? { pairs: Int32Array.of(Math.floor(held / SINGLE), held % SINGLE), count: 1 } : held;
        const pairs = postings.pairs;
        const end = postings.count * 2;
        let holders = 0;
        for (let index = 0; index < end; index += 2) holders += live[pairs[index]!]!;
        if (holders === 0) continue;
        const idf = inverseDocumentFrequency(this.liveCount, holders);
        for (let index = 0; index < end; index += 2) {
          const slot = pairs[index]!;
          if (!live[slot]) continue;
          if (scores[slot] === 0) touched[touchedCount++] = slot;
          scores[slot] += termStrength(idf, pairs[index + 1]! / 10, lengths[slot]!, averageLength);
        }
      }
      const ids = this.ids;
      const best = new BoundedBest(limit, (a, b) => scores[b]! - scores[a]! || compareStrings(ids[a]!, ids[b]!));
      for (let index = 0; index < touchedCount; index += 1) {
        const slot = touched[index]!;
        if (!accept || accept(slot)) best.offer(slot);
      }
      return best.sorted().map((slot) => ({ id: ids[slot]!, strength: scores[slot]! }));
    } finally {
      for (let index = 0; index < touchedCount; index += 1) scores[touched[index]!] = 0;
    }
  }

  /** Give back the room postings grew into while loading (arrays double as they fill). */
  trimPostings(): void {
    for (const held of this.postings.values()) {
      if (typeof held !== 'number' && held.pairs.length > held.count * 2) held.pairs = held.pairs.slice(0, held.count * 2);
    }
  }

  private kill(slot: number): void {
    if (!this.live[slot]) return;
    this.live[slot] = 0;
    this.liveCount -= 1;
    this.deadCount += 1;
    this.totalLength -= this.lengths[slot]!;
    const id = this.ids[slot]!;
    if (this.slotOfId.get(id) === slot) this.slotOfId.delete(id);
    const domain = this.domains[slot]!;
    if (this.slotOfDomain.get(domain) === slot) this.slotOfDomain.delete(domain);
    if (this.deadCount > 1_000 && this.deadCount * 2 > this.liveCount) this.compact();
  }

  /** Renumber the live slots in order and drop the dead ones' postings. */
  private compact(): void {
    const slotCount = this.ids.length;
    const renumbered = new Int32Array(slotCount).fill(-1);
    let next = 0;
    for (let slot = 0; slot < slotCount; slot += 1) if (this.live[slot]) renumbered[slot] = next++;
    const keep = <T extends Int32Array | Uint8Array>(values: T, make: (length: number) => T): T => {
      const kept = make(Math.max(next, INITIAL_SLOTS));
      for (let slot = 0; slot < slotCount; slot += 1) if (renumbered[slot]! >= 0) kept[renumbered[slot]!] = values[slot]!;
      return kept;
    };
    this.live = keep(this.live, (length) => new Uint8Array(length));
    this.lengths = keep(this.lengths, (length) => new Int32Array(length));
    this.sizes = keep(this.sizes, (length) => new Int32Array(length));
    this.countries = keep(this.countries, (length) => new Int32Array(length));
    this.cities = keep(this.cities, (length) => new Int32Array(length));
    this.years = keep(this.years, (length) => new Int32Array(length));
    this.ids = this.ids.filter((_, slot) => renumbered[slot]! >= 0);
    this.domains = this.domains.filter((_, slot) => renumbered[slot]! >= 0);
    for (const [id, slot] of this.slotOfId) this.slotOfId.set(id, renumbered[slot]!);
    for (const [domain, slot] of this.slotOfDomain) this.slotOfDomain.set(domain, renumbered[slot]!);
    const postings = new Map<string, TermPostings>();
    for (const [stem, held] of this.postings) {
      if (typeof held === 'number') {
        const slot = renumbered[Math.floor(held / SINGLE)]!;
        if (slot >= 0) postings.set(stem, slot * SINGLE + (held % SINGLE));
        continue;
      }
      const old = held;
      const pairs = new Int32Array(Math.max(4, old.count * 2));
      let count = 0;
      for (let index = 0; index < old.count * 2; index += 2) {
        const slot = renumbered[old.pairs[index]!]!;
        if (slot < 0) continue;
        pairs[count * 2] = slot;
        pairs[count * 2 + 1] = old.pairs[index + 1]!;
        count += 1;
      }
      if (count > 0) postings.set(stem, { pairs, count });
    }
    this.postings = postings;
    this.deadCount = 0;
    this.scores = new Float64Array(0);
    this.touched = new Int32Array(0);
  }

  private ensureSlots(slots: number): void {
    if (slots <= this.live.length) return;
    const capacity = Math.max(slots, Math.ceil(this.live.length * 1.5));
    const grow = <T extends Int32Array | Uint8Array>(values: T, make: (length: number) => T): T => {
      const grown = make(capacity);
      grown.set(values);
      return grown;
    };
    this.live = grow(this.live, (length) => new Uint8Array(length));
    this.lengths = grow(this.lengths, (length) => new Int32Array(length));
    this.sizes = grow(this.sizes, (length) => new Int32Array(length));
    this.countries = grow(this.countries, (length) => new Int32Array(length));
    this.cities = grow(this.cities, (length) => new Int32Array(length));
    this.years = grow(this.years, (length) => new Int32Array(length));
  }

  private codeOf(key: string | null): number {
    if (key === null) return NO_KEY;
    let code = this.keyCodes.get(key);
    if (code === undefined) {
      code = this.keys.length;
      this.keys.push(key);
      this.keyCodes.set(key, code);
    }
    return code;
  }

  private keyOf(code: number): string | null {
    return code === NO_KEY ? null : this.keys[code]!;
  }
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The best `limit` of the slots offered under `compare` (negative: the first is better): a heap
 * whose root is the worst one kept, so most offers cost one comparison.
 */
class BoundedBest {
  private readonly heap: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly compare: (a: number, b: number) => number,
  ) {}

  offer(slot: number): void {
    const heap = this.heap;
    if (heap.length < this.limit) {
      heap.push(slot);
      let child = heap.length - 1;
      while (child > 0) {
        const parent = (child - 1) >> 1;
        if (this.compare(heap[child]!, heap[parent]!) <= 0) break;
        [heap[child], heap[parent]] = [heap[parent]!, heap[child]!];
        child = parent;
      }
      return;
    }
    if (this.compare(slot, heap[0]!) >= 0) return;
    heap[0] = slot;
    let parent = 0;
    for (;;) {
      const left = parent * 2 + 1;
      const right = left + 1;
      let worst = parent;
      if (left < heap.length && this.compare(heap[left]!, heap[worst]!) > 0) worst = left;
      if (right < heap.length && this.compare(heap[right]!, heap[worst]!) > 0) worst = right;
      if (worst === parent) return;
      [heap[parent], heap[worst]] = [heap[worst]!, heap[parent]!];
      parent = worst;
    }
  }

  /** The kept slots, best first. */
  sorted(): number[] {
    return [...this.heap].sort(this.compare);
  }
}
