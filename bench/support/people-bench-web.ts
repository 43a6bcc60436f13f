/**
 * The people bench's outside world in a process of its own (forked with IPC), so neither it nor
 * the bench driver weighs on the Fathom server's RSS: 1,000 generated company sites answering
 * after 15 ms, an HTTP CONNECT proxy that tunnels every host name to them (Fathom reaches
 * `pco0001.test` through `HTTP_PROXY`, as it reaches real sites through a real proxy), and the
 * SearXNG stand-in with one LinkedIn result per company (at linkedin.com `/in/` URLs, which the
 * finder never fetches: the result's title is the evidence). Answers `counts` with the page
 * requests (robots.txt aside) and searches received so far, and this process's peak RSS. With
 * `model` as its second argument it also runs the OpenAI-compatible stand-in and counts its calls.
 */
import type { FixtureSite } from '../../test/fixtures/fixture-web/index.ts';
import { startFixtureWeb } from '../../test/fixtures/fixture-web/index.ts';
import { companySitePages } from '../../test/fixtures/fixture-web/sites/company-site-builder.ts';
import { startOpenAiCompatibleServer } from '../../test/fixtures/openai-compatible-server/index.ts';
import { startSearchStandin } from '../../test/fixtures/search-standins/index.ts';
import { startConnectProxy } from '../../test/support/connect-proxy.ts';

export const PAGE_DELAY_MS = 15;
const TITLES = ['Chief Revenue Officer', 'VP Sales', 'Head of Sales', 'Sales Director', 'VP of Sales, EMEA', 'Head of Design', 'Office Manager'];

/** Company number `index`: home, team (five sales leaders and two others), about; every page after PAGE_DELAY_MS. */
export function generatedCompany(index: number): FixtureSite {
  const name = `pco${String(index).padStart(4, '0')}`;
  const title = `Company ${letters(index)}`;
  const team = TITLES.map(
    (role, position) => `<li>${['Alex', 'Blair', 'Casey', 'Drew', 'Emery', 'Finley', 'Gray'][position]} ${surname(index)} — ${role}</li>`,
  ).join('');
  const pages = companySitePages({
    head: `<meta property="og:site_name" content="${title}">`,
    nav: { '/': 'Home', '/about': 'About', '/team': 'Team' },
    pages: {
      '/': { title, main: `<h1>${title}</h1><p>${title} makes tools.</p>` },
      '/about': { title: `About ${title}`, main: `<p>${title} was founded in ${1950 + (index % 70)}.</p>` },
      '/team': { title: `Team — ${title}`, main: `<ul>${team}</ul>` },
    },
  });
  return {
    name,
    robotsTxt: 'User-agent: *\nAllow: /\n',
    pages: pages.map((page) => ({
      path: page.path,
      respond: async ({ response }) => {
        await new Promise((resolve) => setTimeout(resolve, PAGE_DELAY_MS));
        if (!response.destroyed) response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page.body);
      },
    })),
  };
}

/** A name-like word for company `index` ("Qbcd"): names must be capitalised words, not digits. */
export function letters(index: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz';
  let word = '';
  let rest = index;
  do {
    word = alphabet[rest % 26] + word;
    rest = Math.floor(rest / 26);
  } while (rest > 0);
  return `Q${word}`;
}

function surname(index: number): string {
  return `Mc${letters(index).slice(1)}son`.replace(/^Mc(.)/, (_, first: string) => `Mc${first.toUpperCase()}`);
}

/** Messages from the bench process. */
type Request = { type: 'counts' } | { type: 'close' };

if (process.send) {
  const companies = Number(process.argv[2] ?? 1_000);
  const sites = Array.from({ length: companies }, (_, index) => generatedCompany(index));
  const web = await startFixtureWeb({ sites });
  const search = await startSearchStandin();
  const proxy = await startConnectProxy(web.port);
  const model = process.argv[3] === 'model' ? await startOpenAiCompatibleServer() : null;
  search.addDocuments(
    sites.map((_site, index) => ({
      url: `https://www.linkedin.com/in/rowan-extra${letters(index).toLowerCase()}`,
      title: `Rowan Extra${letters(index)} - VP Sales - Company ${letters(index)} | LinkedIn`,
      text: `VP Sales at Company ${letters(index)}.`,
    })),
  );
  process.on('message', async (message: Request) => {
    if (message.type === 'counts') {
      const pageRequests = web.requestLog.filter((request) => request.path !== '/robots.txt').length;
      const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
      const modelCalls = model?.calls.length ?? 0;
      process.send!({ type: 'counts', pageRequests, searches: search.callsTo('searxng').length, modelCalls, peakRssMb });
    } else {
      await Promise.all([web.close(), search.close(), proxy.close(), model?.close()]);
      process.exit(0);
    }
  });
  process.send({ type: 'ready', port: web.port, proxyUrl: proxy.url, searchUrl: search.baseUrl('searxng'), modelUrl: model?.baseUrl ?? null });
}
