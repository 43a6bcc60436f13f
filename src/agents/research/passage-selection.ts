import type { FetchedPage } from '../../providers/spec/fetcher.ts';
import { splitSentences, withoutInstructions } from './instruction-filter.ts';
import { termsOf } from './text-terms.ts';

/** The parts of one page a model gets to read. */
export interface EvidencePage {
  /** The URL that answered (after redirects): the one a quote must cite. */
  url: string;
  title: string | null;
  fetchedAt: string;
  /** Passages in page order, each an exact stretch of the page's text. */
  passages: string[];
}

/** What `selectPassages` produced, with what it left out. */
export interface PassageSelection {
  pages: EvidencePage[];
  /** Instruction-like sentences kept away from the model. */
  instructionsRemoved: number;
}

interface Passage {
  pageIndex: number;
  order: number;
  text: string;
  score: number;
}

const PASSAGE_TARGET_CHARACTERS = 500;
const PASSAGE_MAX_CHARACTERS = 900;
// Each page shows its opening passage whatever it scores: it says what the page is about.
const OPENING_PASSAGE_CHARACTERS = 400;

/**
 * Picks the passages of the pages that bear on the question, within `maxCharacters` in all.
 * Passages are paragraphs (long ones cut at sentence ends, short lines merged) scored by the
 * question's terms, rarer terms weighing more; the best are taken across all pages, and each
 * page also shows its opening. Instruction-like sentences never reach a passage.
 */
export function selectPassages(pages: FetchedPage[], question: string, maxCharacters: number): PassageSelection {
  const wanted = termsOf(question);
  let instructionsRemoved = 0;
  const passages: Passage[] = [];
  pages.forEach((page, pageIndex) => {
    splitIntoPassages(page.text).forEach((raw, order) => {
      const cleaned = withoutInstructions(raw);
      instructionsRemoved += cleaned.removed;
      if (cleaned.text.trim() !== '') passages.push({ pageIndex, order, text: cleaned.text, score: 0 });
    });
  });
  scorePassages(passages, wanted);

  const chosen = new Set<Passage>();
  let used = 0;
  const take = (passage: Passage, limit: number) => {
    if (chosen.has(passage) || used + passage.text.length > limit) return;
    chosen.add(passage);
    used += passage.text.length;
  };
  // Openings first, but they may use at most a quarter of the budget between them.
  for (const passage of passages) if (passage.order === 0 && passage.text.length <= OPENING_PASSAGE_CHARACTERS) take(passage, maxCharacters / 4);
  for (const passage of [...passages].sort((left, right) => right.score - left.score)) {
    if (passage.score <= 0) break;
    take(passage, maxCharacters);
  }
  const evidence = pages
    .map((page, pageIndex) => ({
      url: page.finalUrl,
      title: page.title,
      fetchedAt: page.fetchedAt,
      passages: passages.filter((passage) => passage.pageIndex === pageIndex && chosen.has(passage)).map((passage) => passage.text),
    }))
    .filter((page) => page.passages.length > 0);
  return { pages: evidence, instructionsRemoved };
}

/** Paragraphs of about `PASSAGE_TARGET_CHARACTERS`: short lines merged, long ones cut at sentence ends. */
export function splitIntoPassages(text: string): string[] {
  const passages: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim() !== '') passages.push(current.trim());
    current = '';
  };
  for (const line of text.split(/\n+/)) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (trimmed.length > PASSAGE_MAX_CHARACTERS) {
      flush();
      for (const sentence of splitSentences(trimmed)) {
        if (current.length + sentence.length > PASSAGE_TARGET_CHARACTERS) flush();
        current += current === '' ? sentence.slice(0, PASSAGE_MAX_CHARACTERS) : ` ${sentence.slice(0, PASSAGE_MAX_CHARACTERS)}`;
      }
      flush();
      continue;
    }
    if (current.length + trimmed.length > PASSAGE_TARGET_CHARACTERS) flush();
    current += current === '' ? trimmed : `\n${trimmed}`;
  }
  flush();
  return passages;
}

/** Each wanted term found scores its rarity among the passages (an IDF), plus a little per repeat. */
function scorePassages(passages: Passage[], wanted: string[]): void {
  const termsByPassage = passages.map((passage) => termsOf(passage.text));
  const documentFrequency = new Map<string, number>();
  for (const terms of termsByPassage) for (const term of new Set(terms)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  passages.forEach((passage, index) => {
    const present = new Set(termsByPassage[index]);
    let score = 0;
    for (const term of wanted) {
      if (!present.has(term)) continue;
      score += Math.log(1 + passages.length / (documentFrequency.get(term) ?? 1));
    }
    // Numbers and prices are what most questions end up asking for.
    if (score > 0 && /\d/.test(passage.text)) score += 0.1;
    passage.score = score;
  });
}
