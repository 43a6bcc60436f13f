import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { normalisePersonName } from '../../domain/people/person-name.ts';
import type { CellExecutor } from '../../engine/cell-executor.ts';
import type { FetchedPage } from '../../providers/spec/fetcher.ts';
import { namesIn } from './address-evidence.ts';
import { readCompanyPeoplePages } from './company-people-pages.ts';
import type { PeopleAgentDependencies } from './people-agent-dependencies.ts';
import { personRowInputs } from './person-row-inputs.ts';

/** A number read from a page, parsed. */
interface PhoneFinding {
  e164: string;
  country: string | null;
  line_type: string | null;
  source: string;
  excerpt: string;
}

// Runs of digits with the separators phone numbers are written with.
const PHONE_TEXT = /\+?\(?\d[\d\s().-]{6,}\d/g;

/**
 * The `phone_finder` executor (contract §3.6): a number published for the person on the
 * company's pages (written in a line that names them, or on their JSON-LD Person), else the
 * company's main line (tel: links, the Organization's telephone, numbers on the contact page)
 * marked `line: "company_main_line"`. Numbers are parsed with libphonenumber's full metadata
 * into E.164 with country and line type; text that is not a valid number is never answered.
 */
export function createPhoneFinderAgent(dependencies: PeopleAgentDependencies): CellExecutor {
  return {
    async execute(context) {
      const person = personRowInputs(context);
      const site = await readCompanyPeoplePages(dependencies.pages, person.companyUrl, {
        signal: context.signal,
        runId: context.runId,
        bypassCache: context.bypassCache,
        purpose: 'phone_finder',
      });
      const country = countryOf(site.pages);
      const target = normalisePersonName(person.fullName);
      const direct = site.pages.flatMap((page) => personalNumbers(page, target, country))[0];
      const research = { pages_read: site.pages.map((page) => page.finalUrl) };
      if (direct) {
        return {
          value: {
            answer: direct.e164,
            source: [direct.source],
            explanation: `Published for ${person.fullName} on ${direct.source}.`,
            excerpts: [{ url: direct.source, quote: direct.excerpt }],
            line: 'direct',
            country: direct.country,
            line_type: direct.line_type,
            research,
          },
        };
      }
      const main = site.pages.flatMap((page) => companyNumbers(page, country))[0];
      if (main) {
        return {
          value: {
            answer: main.e164,
            source: [main.source],
            explanation: `No number is published for ${person.fullName}; this is the company's main line, from ${main.source}.`,
            excerpts: [{ url: main.source, quote: main.excerpt }],
            line: 'company_main_line',
            country: main.country,
            line_type: main.line_type,
            research,
          },
        };
      }
      return {
        value: {
          answer: 'Not found',
          source: [],
          explanation: `No number for ${person.fullName} or for ${person.companyDomain} is published on the pages read${research.pages_read.length > 0 ? `: ${research.pages_read.join(', ')}` : ''}.`,
          line: null,
          research,
        },
      };
    },
  };
}

function personalNumbers(page: FetchedPage, target: string, country: CountryCode | undefined): PhoneFinding[] {
  const found: PhoneFinding[] = [];
  for (const entity of page.metadata.structuredData) {
    if (entity.kind === 'person' && entity.telephone && entity.name && normalisePersonName(entity.name) === target) {
      const parsed = parse(entity.telephone, country, page.finalUrl, `${entity.name}: ${entity.telephone}`);
      if (parsed) found.push(parsed);
    }
  }
  for (const line of page.text.split('\n')) {
    if (!namesIn(line).some((name) => normalisePersonName(name) === target)) continue;
    for (const match of line.matchAll(PHONE_TEXT)) {
      const parsed = parse(match[0], country, page.finalUrl, line.trim());
      if (parsed) found.push(parsed);
    }
  }
  return found;
}

function companyNumbers(page: FetchedPage, country: CountryCode | undefined): PhoneFinding[] {
  const found: PhoneFinding[] = [];
  for (const entity of page.metadata.structuredData) {
    if (entity.kind === 'organization' && entity.telephone) {
      const parsed = parse(entity.telephone, country, page.finalUrl, `${entity.name ?? 'Organization'} telephone: ${entity.telephone}`);
      if (parsed) found.push(parsed);
    }
  }
  for (const phone of page.metadata.links.phones) {
    const parsed = parse(phone, country, page.finalUrl, `tel:${phone}`);
    if (parsed) found.push(parsed);
  }
  for (const line of page.text.split('\n')) {
    // A company line is written under a heading word; a number in a person's line is theirs.
    if (!/\b(phone|call|tel|telephone|switchboard|office)\b/i.test(line) || namesIn(line).length > 0) continue;
    for (const match of line.matchAll(PHONE_TEXT)) {
      const parsed = parse(match[0], country, page.finalUrl, line.trim());
      if (parsed) found.push(parsed);
    }
  }
  return found;
}

function parse(raw: string, country: CountryCode | undefined, source: string, excerpt: string): PhoneFinding | null {
  const number = parsePhoneNumberFromString(raw.trim(), country ? { defaultCountry: country } : undefined);
  if (!number?.isValid()) return null;
  return { e164: number.number, country: number.country ?? null, line_type: number.getType() ?? null, source, excerpt };
}

/** The site's country when its Organization's address says so; numbers without a + need one. */
function countryOf(pages: readonly FetchedPage[]): CountryCode | undefined {
  for (const page of pages) {
    for (const entity of page.metadata.structuredData) {
      const code = entity.addressParts?.country?.trim().toUpperCase();
      if (entity.kind === 'organization' && code && /^[A-Z]{2}$/.test(code)) return code as CountryCode;
    }
  }
  return undefined;
}
