import { COUNTRIES, INDUSTRIES } from './company-search-industries.ts';

/**
 * The labelled company-search set, generated deterministically (a seeded generator, no clock):
 * 22 companies in each of 15 industries (330) spread over 10 countries, the countries written
 * several ways ("Germany", "Deutschland"), some companies mentioning another industry's words;
 * 60 queries (three per industry, one per industry naming a country) and 20 lookalike seeds,
 * each with graded judgements: 2 = the segment (or industry and country) asked for, 1 = the industry.
 */
export interface EvalCompany {
  domain: string;
  name: string;
  industry: string;
  segment: string;
  country: string;
  fields: Record<string, unknown>;
}

export interface JudgedQuery {
  q: string;
  /** Grade by domain; absent domains are not relevant. */
  grades: Map<string, number>;
}

export interface JudgedSeed {
  domain: string;
  grades: Map<string, number>;
}

export interface CompanySearchSet {
  companies: EvalCompany[];
  queries: JudgedQuery[];
  seeds: JudgedSeed[];
}

export const COMPANIES_PER_INDUSTRY = 22;
const SIZES = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1001-5000'];

// Which segment each industry query asks for (null: the whole industry), in INDUSTRIES' query order.
const QUERY_SEGMENTS: Record<string, Array<string | null>> = {
  payroll: [null, 'payroll-global', 'payroll-smb'],
  security: [null, 'security-endpoint', 'security-cloud'],
  robotics: ['robotics-warehouse', null, 'robotics-industrial'],
  freight: ['freight-forwarding', 'freight-trucking', 'freight-forwarding'],
  solar: [null, 'solar-residential', 'solar-utility'],
  veterinary: ['vet-clinic', 'vet-software', null],
  edtech: [null, 'edtech-k12', 'edtech-corporate'],
  legaltech: [null, 'legal-contracts', 'legal-practice'],
  brewery: ['brewery-craft', 'brewery-nonalcoholic', null],
  dental: ['dental-clinic', 'dental-lab', 'dental-clinic'],
  insurtech: [null, 'insurance-b2b', 'insurance-consumer'],
  proptech: ['property-management', null, 'property-management'],
  marketing: [null, 'marketing-performance', 'marketing-brand'],
  fitness: ['fitness-gyms', 'fitness-apps', null],
  agritech: [null, 'agri-precision', 'agri-vertical'],
};

export function buildCompanySearchSet(): CompanySearchSet {
  const random = seededRandom(20261206);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const pickSome = <T>(list: readonly T[], count: number): T[] => [...list].sort(() => random() - 0.5).slice(0, count);
  const companies: EvalCompany[] = [];
  for (const [industryIndex, industry] of INDUSTRIES.entries()) {
    for (let index = 0; index < COMPANIES_PER_INDUSTRY; index += 1) {
      const segment = industry.segments[index % 2]!;
      const name = `${industry.nameParts[index % 5]}${industry.nameSuffixes[Math.floor(index / 5) % 5]}`;
      const country = COUNTRIES[(index * 7 + industryIndex * 3) % COUNTRIES.length]!;
      const domain = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}${index}.${country.tld}`;
      const other = INDUSTRIES[(industryIndex + 1 + (index % 13)) % INDUSTRIES.length]!;
      const fields: Record<string, unknown> = {
        short_description: `${name} ${pick(segment.describe)}.`,
        full_description: `${name} ${segment.describe.join(' and ')}, focused on ${pickSome(industry.common, 2).join(' and ')}.`,
        products_services: pickSome(segment.products, 2 + (index % 2)).join(', '),
        target_audience: pickSome(segment.audiences, 2).join(' and '),
        employee_count: pick(SIZES),
        founding_year: 1995 + Math.floor(random() * 29),
        hq_country: pick(country.spellings),
        hq_city: pick(country.cities),
      };
      // A quarter of the companies mention another industry's words: the distractors lexical search must rank below.
      if (index % 4 === 3) fields.other_considerations = `Works with partners in ${other.common[0]} and ${pick(other.segments[0].products)}.`;
      companies.push({ domain, name, industry: industry.key, segment: segment.key, country: country.name, fields });
    }
  }

  const queries: JudgedQuery[] = [];
  for (const [industryIndex, industry] of INDUSTRIES.entries()) {
    const members = companies.filter((company) => company.industry === industry.key);
    industry.queries.forEach((q, index) => {
      const segment = QUERY_SEGMENTS[industry.key]![index] ?? null;
      queries.push({ q, grades: new Map(members.map((company) => [company.domain, segment === null || company.segment === segment ? 2 : 1])) });
    });
    const country = COUNTRIES[(industryIndex * 3) % COUNTRIES.length]!;
    queries.push({
      q: industry.countryQuery.replace('{country}', country.name),
      grades: new Map(members.map((company) => [company.domain, company.country === country.name ? 2 : 1])),
    });
  }

  // Every industry's first company, and the second of the first five industries (the other segment).
  const seeds: JudgedSeed[] = [];
  for (const [industryIndex, industry] of INDUSTRIES.entries()) {
    const members = companies.filter((company) => company.industry === industry.key);
    for (const seed of industryIndex < 5 ? members.slice(0, 2) : members.slice(0, 1)) {
      seeds.push({
        domain: seed.domain,
        grades: new Map(
          members.filter((company) => company.domain !== seed.domain).map((company) => [company.domain, company.segment === seed.segment ? 2 : 1]),
        ),
      });
    }
  }
  return { companies, queries, seeds };
}

/** mulberry32: a small seeded generator, so the set is the same on every machine. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}
