import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { buildCompanySearchSet } from '../../../eval/company-search/company-search-set.ts';
import { indexedText, textTokens } from './index-tokens.ts';
import { porterStem } from './porter-stemmer.ts';
import { searchDocument } from './search-document.ts';

// Words that exercise every step of the algorithm, and its edge cases (short words, y as a vowel, -ies of three letters).
const TRICKY = (
  'caresses ponies ties caress cats feed agreed plastered bled motoring sing conflated troubled sized hopping tanned falling ' +
  'hissing fizzed failing filing happy sky relational conditional rational valenci hesitanci digitizer conformabli radicalli ' +
  'differentli vileli analogousli vietnamization predication operator feudalism decisiveness hopefulness callousness formaliti ' +
  'sensitiviti sensibiliti triplicate formative formalize electriciti electrical hopeful goodness revival allowance inference ' +
  'airliner gyroscopic adjustable defensible irritant replacement adjustment dependent adoption homologou communism activate ' +
  'angulariti homologous effective bowdlerize probate rate cease controll roll generalizations oscillators yes eyes ies sses ' +
  'analogies apology archaeology y yy yyy by bye payments payroll logistics e-commerce b2b saas fintech ai ml ok oed eed feed ' +
  'beds bleed abling tying dying lying hoping sizing fixing toying skies dyes spying buyers employee employees software platform'
).split(' ');

/** The terms SQLite's FTS5 stores for these words, read back through an fts5vocab table. */
function sqliteStems(words: string[]): Map<string, string> {
  const db = new Database(':memory:');
  try {
    db.exec(`create virtual table words using fts5(word, tokenize = 'porter unicode61 remove_diacritics 2')`);
    db.exec(`create virtual table terms using fts5vocab(words, 'instance')`);
    const insert = db.prepare('insert into words (rowid, word) values (?, ?)');
    for (const [index, word] of words.entries()) insert.run(index + 1, word);
    const rows = db.prepare('select term, doc from terms').all() as Array<{ term: string; doc: number }>;
    return new Map(rows.map((row) => [words[row.doc - 1]!, row.term]));
  } finally {
    db.close();
  }
}

describe('porterStem', () => {
  it('stems every word of the search eval set and the tricky cases exactly as FTS5 porter does', () => {
    const set = buildCompanySearchSet();
    const vocabulary = new Set<string>(TRICKY.flatMap((word) => textTokens(word)));
    for (const company of set.companies) {
      const document = searchDocument({ name: company.name, domain: company.domain, fields: company.fields });
      for (const text of Object.values(document)) for (const token of textTokens(text)) vocabulary.add(token);
    }
    for (const query of set.queries) for (const token of textTokens(query.q)) vocabulary.add(token);
    const words = [...vocabulary];
    expect(words.length).toBeGreaterThan(500);
    const expected = sqliteStems(words);
    const mismatches = words.filter((word) => porterStem(word) !== expected.get(word)).map((word) => `${word}: ${porterStem(word)} ≠ ${expected.get(word)}`);
    expect(mismatches).toEqual([]);
  });

  it('leaves words shorter than three letters as they are', () => {
    expect(porterStem('is')).toBe('is');
    expect(porterStem('running')).toBe('run');
    expect(porterStem('companies')).toBe('compani');
  });
});

describe('indexedText', () => {
  it('counts every token of every column once for the length and weighs each stem by its columns', () => {
    const text = indexedText({ name: 'Acme Payments', domain: 'acme com', about: 'payment software', offer: '', audience: '', place: 'Zürich', tags: '' });
    expect(text.length).toBe(7);
    // "payments" in the name (4) and "payment" in the description (1): one stem, 5 in tenths ×10.
    expect(text.weightedTenths.get('payment')).toBe(50);
    expect(text.weightedTenths.get('acm')).toBe(60);
    expect(text.weightedTenths.get('zurich')).toBe(15);
  });
});
