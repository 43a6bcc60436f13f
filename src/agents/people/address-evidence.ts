import { addressesInText, isRoleAddress, type PatternExample } from '../../domain/people/email-pattern.ts';
import { cleanName, looksLikePersonName, normalisePersonName } from '../../domain/people/person-name.ts';
import { patternsOf } from '../../domain/people/email-pattern.ts';
import type { FetchedPage } from '../../providers/spec/fetcher.ts';
import type { SearchResult } from '../../providers/spec/search.ts';

/** A personal address seen in evidence, with the text around it and the names in that text. */
export interface SeenAddress {
  email: string;
  source: string;
  /** The line (or result) it was written in, verbatim. */
  excerpt: string;
  /** People named in that line. */
  names: string[];
}

// Two to four capitalised words: candidate names in a line (checked by looksLikePersonName).
const NAME_CANDIDATE = /\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,3}/gu;

/** Personal (not role) addresses at `domain` on the pages and in the search results, each with its line. */
export function addressesSeen(pages: readonly FetchedPage[], results: readonly SearchResult[], domain: string): SeenAddress[] {
  const seen: SeenAddress[] = [];
  const add = (email: string, source: string, excerpt: string, extraNames: string[] = []) => {
    if (!email.endsWith(`@${domain}`) || isRoleAddress(email)) return;
    if (seen.some((item) => item.email === email && item.source === source)) return;
    seen.push({ email, source, excerpt, names: [...new Set([...namesIn(excerpt), ...extraNames])] });
  };
  for (const page of pages) {
    for (const entity of page.metadata.structuredData) {
      if (entity.kind === 'person' && entity.email && entity.name) {
        const email = entity.email.replace(/^mailto:/i, '').toLowerCase();
        add(email, page.finalUrl, `${entity.name} <${email}>`, [cleanName(entity.name)]);
      }
    }
    for (const line of page.text.split('\n')) for (const email of addressesInText(line)) add(email, page.finalUrl, line.trim());
    // mailto: links whose address the text does not spell out.
    for (const email of page.metadata.links.emails) add(email, page.finalUrl, `mailto:${email}`);
  }
  for (const result of results) {
    const text = `${result.title} — ${result.snippet}`;
    for (const email of addressesInText(text)) add(email, result.url, text.trim());
  }
  return seen;
}

/** Names in a line of text that look like people's names. */
export function namesIn(text: string): string[] {
  return [...text.matchAll(NAME_CANDIDATE)].map((match) => cleanName(match[0])).filter(looksLikePersonName);
}

/** The address published for this person: named beside it, or whose local part spells their name. */
export function publishedAddressOf(seen: readonly SeenAddress[], fullName: string): SeenAddress | null {
  const target = normalisePersonName(fullName);
  const besideName = seen.find((item) => item.names.some((name) => normalisePersonName(name) === target) && patternsOf(item.email, fullName).length > 0);
  if (besideName) return besideName;
  return seen.find((item) => item.names.some((name) => normalisePersonName(name) === target) && item.names.length === 1) ?? null;
}

/** Colleagues' addresses that fit a pattern for a name beside them: what the pattern is learned from. */
export function patternExamples(seen: readonly SeenAddress[], exceptName: string): PatternExample[] {
  const except = normalisePersonName(exceptName);
  const examples: PatternExample[] = [];
  for (const item of seen) {
    const name = item.names.find((candidate) => normalisePersonName(candidate) !== except && patternsOf(item.email, candidate).length > 0);
    if (name && !examples.some((example) => example.email === item.email)) examples.push({ full_name: name, email: item.email, source: item.source });
  }
  return examples;
}
