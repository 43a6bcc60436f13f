import type { FixtureWeb } from '../test/fixtures/fixture-web/index.ts';
import { createSafeFetcher } from '../src/providers/fetch/index.ts';

/** One citation as a research cell stored it. */
export interface Citation {
  url: string;
  quote: string;
}

/** What the audit found about one citation. */
export interface CitationVerdict extends Citation {
  wasFetched: boolean;
  quoteOccurs: boolean;
}

/**
 * Checks citations independently of the agents' own checks: the cited URL must appear in the
 * fixture web's request log (the server saw the agent read it), and the quote must occur in the
 * page as a fresh fetch reads it — compared with case and runs of whitespace ignored only, and
 * "…" allowed to skip words.
 */
export async function auditCitations(web: FixtureWeb, citations: Citation[]): Promise<CitationVerdict[]> {
  const fetched = new Set(web.requestLog.map((request) => `http://${request.host}${request.path}`));
  const fetcher = createSafeFetcher({ ...web.fetcherOptions });
  const texts = new Map<string, string>();
  try {
    const verdicts: CitationVerdict[] = [];
    for (const citation of citations) {
      if (!texts.has(citation.url)) {
        texts.set(
          citation.url,
          await fetcher.fetchPage(citation.url).then(
            (page) => page.text,
            () => '',
          ),
        );
      }
      verdicts.push({ ...citation, wasFetched: fetched.has(citation.url), quoteOccurs: occurs(citation.quote, texts.get(citation.url)!) });
    }
    return verdicts;
  } finally {
    await fetcher.close();
  }
}

function occurs(quote: string, text: string): boolean {
  const simplify = (value: string) => value.replace(/\s+/g, ' ').trim().toLowerCase();
  const haystack = simplify(text);
  let from = 0;
  for (const part of quote
    .split(/…|\.\.\./)
    .map(simplify)
    .filter((piece) => piece !== '')) {
    const index = haystack.indexOf(part, from);
    if (index < 0) return false;
    from = index + part.length;
  }
  return quote.trim() !== '';
}
