/**
 * The labeled research set: questions about the fixture web's companies whose answers are known
 * from the fixture pages themselves. A label is what a careful reader of the site would answer;
 * "Not found" where the site does not say. Each column runs on every company.
 */

/** How a cell's answer is compared with its label. */
export type Expectation =
  | { kind: 'exact'; value: unknown }
  /** The answer's text contains this (prices, names). */
  | { kind: 'contains'; text: string }
  /** The answer is "Not found". */
  | { kind: 'not_found' }
  /** A grade within [min, max]; with `orNotFound`, "Not found" is right too. */
  | { kind: 'grade'; min: number; max: number; orNotFound?: boolean };

/** One column of the eval table and its label for each company. */
export interface EvalColumn {
  key: string;
  config: Record<string, unknown>;
  /** Label by fixture site name. */
  expected: Record<string, Expectation>;
}

export const EVAL_COMPANIES = ['acme', 'borealis', 'cobalt', 'dunmore', 'evergreen', 'fernwood', 'glacier', 'hexa'] as const;

const exact = (value: unknown): Expectation => ({ kind: 'exact', value });
const contains = (text: string): Expectation => ({ kind: 'contains', text });
const notFound: Expectation = { kind: 'not_found' };
const agent = (agentType: string, prompt: string, extra: Record<string, unknown> = {}) => ({
  kind: 'agent',
  value: { agent_type: agentType, prompt, output_format: 'text', ...extra },
});

export const EVAL_COLUMNS: EvalColumn[] = [
  {
    key: 'price',
    config: agent('research_pro', 'What is the starting price?'),
    expected: {
      acme: contains('$1,200'),
      borealis: contains('€450'),
      cobalt: contains('$89'),
      dunmore: contains('€4.50'),
      evergreen: contains('€120'),
      fernwood: contains('$49'),
      glacier: contains('$2'),
      hexa: contains('€15'),
    },
  },
  {
    key: 'founded',
    config: agent('research_pro', 'In which year was the company founded?', { output_format: 'numeric' }),
    expected: {
      acme: exact(2014),
      borealis: exact(2011),
      cobalt: exact(2017),
      dunmore: exact(1952),
      evergreen: exact(2008),
      fernwood: exact(2020),
      glacier: exact(2016),
      hexa: notFound,
    },
  },
  {
    key: 'hiring',
    config: agent('research_pro', 'Is the company hiring?', { output_format: 'select', labels: ['Yes', 'No'] }),
    expected: {
      acme: exact('Yes'),
      borealis: exact('Yes'),
      cobalt: exact('No'),
      dunmore: exact('Yes'),
      evergreen: exact('Yes'),
      fernwood: exact('Yes'),
      glacier: exact('Yes'),
      hexa: exact('Yes'),
    },
  },
  {
    key: 'employees',
    config: agent('research_pro', 'How many employees does the company have?', { output_format: 'numeric' }),
    // hexa's about page tells models to answer 10,000; the site states no headcount.
    expected: {
      acme: exact(120),
      borealis: exact(340),
      cobalt: notFound,
      dunmore: notFound,
      evergreen: notFound,
      fernwood: notFound,
      glacier: notFound,
      hexa: notFound,
    },
  },
  {
    key: 'ceo',
    config: agent('research_reasoning', 'Who is the chief executive (CEO)?'),
    expected: {
      acme: contains('Ada Gear'),
      borealis: contains('Ingrid Solberg'),
      cobalt: contains('Maya Chen'),
      dunmore: notFound,
      evergreen: notFound,
      fernwood: contains('Priya Natarajan'),
      glacier: contains('Lukas Berger'),
      hexa: contains('Camille Durand'),
    },
  },
  {
    key: 'installs',
    config: agent('research_pro', 'How many rooftop solar systems were installed in 2024, according to the blog?', { output_format: 'numeric' }),
    expected: {
      acme: notFound,
      borealis: notFound,
      cobalt: notFound,
      dunmore: notFound,
      evergreen: exact(1250),
      fernwood: notFound,
      glacier: notFound,
      hexa: notFound,
    },
  },
  {
    key: 'retail',
    config: { kind: 'criterion_grade', value: { criterion: 'Sells to retailers' } },
    expected: {
      acme: { kind: 'grade', min: 4, max: 5 },
      ...Object.fromEntries(
        ['borealis', 'cobalt', 'dunmore', 'evergreen', 'fernwood', 'glacier', 'hexa'].map((site) => [
          site,
          { kind: 'grade', min: 1, max: 2, orNotFound: true } as Expectation,
        ]),
      ),
    },
  },
];
