import { porterStem } from './porter-stemmer.ts';
import type { SearchDocument } from './search-document.ts';

/**
 * Column weights of the text ranking (FTS5's `bm25(…)` arguments on SQLite and the in-memory
 * index's), in SearchDocument order: name, domain, about, offer, audience, place, tags. A word
 * in the name or the industry tags says more than one in a long description. Every weight is a
 * whole number of tenths, so a document's weighted count of a word is stored exactly as an integer.
 */
export const TEXT_COLUMN_WEIGHTS = [4, 2, 1, 1.6, 1.3, 1.5, 2] as const;
export const TEXT_COLUMNS = ['name', 'domain', 'about', 'offer', 'audience', 'place', 'tags'] as const satisfies readonly (keyof SearchDocument)[];

/** A document as the text ranking reads it: each stem's weighted count (in tenths) and the document's length in tokens. */
export interface IndexedText {
  weightedTenths: Map<string, number>;
  length: number;
}

const stems = new Map<string, string>();
/** Distinct words remembered: real vocabularies are smaller; past it, words are stemmed again each time. */
const STEM_MEMORY = 50_000;

/** A token's stem, remembered (a corpus repeats few words many times); tokens with digits (ids, years) are not. */
export function stemOf(token: string): string {
  if (/\d/.test(token)) return porterStem(token);
  let stem = stems.get(token);
  if (stem === undefined) {
    stem = porterStem(token);
    if (stems.size < STEM_MEMORY) stems.set(token, stem);
  }
  return stem;
}

const ASCII = /^[\x00-\x7f]*$/;
const ASCII_TOKEN = /[a-z0-9]+/g;

/**
 * Tokens of a text as FTS5's `unicode61 remove_diacritics 2` reads them: runs of letters, digits
 * and private-use characters, lower case, accents dropped.
 */
export function textTokens(text: string): string[] {
  if (text === '') return [];
  // Most text is ASCII: the same tokens without Unicode normalisation (several times faster to load 100,000 profiles).
  if (ASCII.test(text)) return text.toLowerCase().match(ASCII_TOKEN) ?? [];
  return (
    text
      .normalize('NFD')
      .replace(/\p{Mn}+/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}\p{Co}]+/gu) ?? []
  );
}

/** The stems of a document with their weighted counts, and its length (every token of every column, unweighted, as FTS5 counts it). */
export function indexedText(document: SearchDocument): IndexedText {
  const weightedTenths = new Map<string, number>();
  let length = 0;
  TEXT_COLUMNS.forEach((column, index) => {
    const tenths = Math.round(TEXT_COLUMN_WEIGHTS[index] * 10);
    for (const token of textTokens(document[column])) {
      length += 1;
      const stem = stemOf(token);
      weightedTenths.set(stem, (weightedTenths.get(stem) ?? 0) + tenths);
    }
  });
  return { weightedTenths, length };
}

/** BM25 constants of FTS5's `bm25()`. */
const K1 = 1.2;
const B = 0.75;

/** FTS5's inverse document frequency of a term held by `holders` of `documents` (never below a small positive floor). */
export function inverseDocumentFrequency(documents: number, holders: number): number {
  const idf = Math.log((documents - holders + 0.5) / (holders + 0.5));
  return idf <= 0 ? 1e-6 : idf;
}

/** One term's part of a document's BM25 strength, as FTS5 computes it (weighted count against the whole row's length). */
export function termStrength(idf: number, weighted: number, length: number, averageLength: number): number {
  return idf * ((weighted * (K1 + 1)) / (weighted + K1 * (1 - B + (B * length) / averageLength)));
}
