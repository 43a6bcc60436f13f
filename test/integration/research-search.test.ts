import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COMPANY_READER_RULES } from '../fixtures/research-harness/company-reader-rules.ts';
import { createScriptedReader, evidencePagesOf } from '../fixtures/research-harness/scripted-reader.ts';
import { startResearchTestServer, type ResearchTestServer } from '../fixtures/research-harness/research-test-server.ts';
import { testBackends } from '../support/backends.ts';
import { waitForIdle } from '../support/wait-for.ts';

// With a search provider (the SearXNG stand-in over the fixture web's pages).
describe.each(testBackends())('Research agents with web search on %s', (backend) => {
  let harness: ResearchTestServer;
  const url = (site: string, path = '/') => harness.environment.web.urlFor(site, path);
  const reader = createScriptedReader(COMPANY_READER_RULES);

  beforeAll(async () => {
    harness = await startResearchTestServer(backend, { handler: reader, withSearch: true });
  });
  beforeEach(() => {
    harness.environment.llm!.setHandler(reader);
    harness.environment.search!.reset();
  });
  afterAll(async () => {
    await harness?.close();
  });

  const runTable = async (kind: string, inputs: string[], columns: unknown[]) => {
    const table = (await harness.server.alice.post('/v1/tables', { kind, column_configs: columns })).body;
    await harness.server.alice.post(`/v1/tables/${table.id}/rows`, { rows: inputs.map((input) => ({ data: { input } })), run: true });
    return (await waitForIdle(harness.server.alice, table.id, 25_000)).rows.map((row: any) => row.data);
  };

  it('plans queries, searches, reads the results and cites them; "Not found" lists the searches', async () => {
    const [borealis] = await runTable(
      'generic',
      ['Borealis Freight'],
      [
        { kind: 'agent', name: 'Price', key: 'price', value: { agent_type: 'research_pro', prompt: 'What is the starting price of {input}?' } },
        { kind: 'agent', name: 'Funding', key: 'funding', value: { agent_type: 'research', prompt: 'How much venture funding has {input} raised?' } },
      ],
    );
    expect(borealis.price.status, borealis.price.error).toBe('done');
    expect(borealis.price.value).toMatchObject({
      answer: '€450 per month',
      source: [url('borealis', '/pricing')],
      research: { strategy: 'web_search', queries: ['What is the starting price of Borealis Freight'] },
      usage: { searches: 1 },
    });
    const searches = harness.environment.search!.callsTo('searxng').map((call) => call.search?.query);
    expect(searches).toContain('What is the starting price of Borealis Freight');
    expect(borealis.funding.value).toMatchObject({ answer: 'Not found', source: [] });
    expect(borealis.funding.value.explanation).toContain('Searched for: "How much venture funding has Borealis Freight raised"');
  });

  it('resolves a company given by name through search, then researches it on the web', async () => {
    const [cobalt] = await runTable(
      'company',
      ['Cobalt Health'],
      [{ kind: 'agent', name: 'CEO', key: 'ceo', value: { agent_type: 'research_pro', prompt: 'Who is the chief executive?' } }],
    );
    expect(cobalt.company_profile.status, cobalt.company_profile.error).toBe('done');
    expect(cobalt.company_profile.value.answer).toMatchObject({ domain: 'cobalt.test', name: 'Cobalt Health', website: url('cobalt') });
    expect(cobalt.company_website.value.answer).toBe(url('cobalt'));
    expect(cobalt.ceo.value).toMatchObject({ answer: 'Maya Chen', source: [url('cobalt', '/team')] });
    // The plan names the company and adds a query aimed at its own site.
    expect(cobalt.ceo.value.research.queries).toEqual(['Cobalt Health Who is the chief executive', 'site:cobalt.test chief executive']);
  });

  it('research_reasoning uses the reasoning model and searches again with its own follow-up queries', async () => {
    const plans: string[] = [];
    harness.environment.llm!.setHandler((request) => {
      if (request.model !== 'test-reasoning-model') return reader(request);
      if (request.schemaName === 'search_plan') {
        plans.push(request.prompt);
        return { content: { queries: ['site:evergreen.test membership'] } };
      }
      const found = evidencePagesOf(request.prompt).find((page) => page.text.includes('1,250 rooftop'));
      if (!found)
        return {
          content: {
            answer: 'Not found',
            explanation: 'Only membership pages so far.',
            excerpts: [],
            next_queries: ['Evergreen rooftop solar systems installed 2024 blog'],
          },
        };
      return {
        content: {
          answer: 1250,
          explanation: 'The blog says so.',
          excerpts: [{ url: found.url, quote: 'the cooperative installed 1,250 rooftop solar systems' }],
          next_queries: [],
        },
      };
    });
    const [evergreen] = await runTable(
      'company',
      [url('evergreen')],
      [
        {
          kind: 'agent',
          name: 'Installs',
          key: 'installs',
          value: { agent_type: 'research_reasoning', prompt: 'How many rooftop systems were installed in 2024?', output_format: 'numeric' },
        },
      ],
    );
    const value = evergreen.installs.value;
    expect(evergreen.installs.status, evergreen.installs.error).toBe('done');
    expect(value).toMatchObject({ answer: 1250, source: [url('evergreen', '/blog')], model: 'test-reasoning-model' });
    expect(value.research.steps).toBe(2);
    expect(value.research.queries).toEqual(['site:evergreen.test membership', 'Evergreen rooftop solar systems installed 2024 blog']);
    expect(value.usage.searches).toBe(2);
    expect(plans).toHaveLength(1);
  });

  it('linkedin: where LinkedIn shows a sign-in wall, answers from search results and the company site, with sources', async () => {
    const profileUrl = url('linkedin', '/in/ada-gear');
    harness.environment.search!.addDocument({
      url: profileUrl,
      title: 'Ada Gear - CTO - Acme Robotics | LinkedIn',
      text: 'Ada Gear. CTO at Acme Robotics. Springfield, Oregon. 500+ connections on LinkedIn.',
    });
    harness.environment.llm!.setHandler(
      createScriptedReader([...COMPANY_READER_RULES, { task: /job title/i, find: /\b(CTO|CEO|COO)\b at/, answer: (match) => match[1] }]),
    );
    const [row] = await runTable(
      'company',
      [url('acme')],
      [
        {
          kind: 'agent',
          name: 'Role',
          key: 'role',
          value: { agent_type: 'linkedin', prompt: `What is the job title of ${profileUrl}?`, output_format: 'text' },
        },
      ],
    );
    expect(row.role.status, row.role.error).toBe('done');
    expect(row.role.value).toMatchObject({ answer: 'CTO', source: [profileUrl], linkedin: { read: false } });
    expect(row.role.value.linkedin.refused_because).toContain('LinkedIn asked to sign in');
    expect(row.role.value.linkedin.queries).toEqual(['ada gear site:linkedin.test', 'ada gear LinkedIn']);
    expect(row.role.value.linkedin.evidence).toEqual(
      expect.arrayContaining([
        { url: profileUrl, kind: 'search_result' },
        { url: url('acme'), kind: 'company_page' },
      ]),
    );
    expect(row.role.value.explanation).toContain('answered from search results');
    expect(row.role.value.excerpts[0]).toMatchObject({ url: profileUrl, quote: expect.stringContaining('CTO at Acme Robotics') });
  });
});
