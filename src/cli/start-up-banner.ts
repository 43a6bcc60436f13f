import { existsSync } from 'node:fs';
import type { Config } from '../config.ts';
import { projectFile } from '../project-files.ts';
import { chooseLlmProvider } from '../providers/llm/choose-llm-provider.ts';

const WEB_APP_INDEX = projectFile('web', 'dist', 'index.html');

export interface StartUpFacts {
  config: Config;
  url: string;
  withWorkers: boolean;
  /** Whether the web app is built (web/dist); the default looks on disk. */
  isWebAppBuilt?: boolean;
}

/**
 * What `fathom serve` says when it is up: where it listens, where the web app and the API
 * reference are, and which model and search provider cells will use — or that none is set, with
 * the variable to set, so a first run does not end in a table of failed cells.
 */
export function startUpBanner({ config, url, withWorkers, isWebAppBuilt = existsSync(WEB_APP_INDEX) }: StartUpFacts): string {
  const where = config.database.engine === 'sqlite' ? `on SQLite ${config.database.path}` : 'on PostgreSQL';
  const workers = withWorkers ? `with ${config.engine.workers} worker${config.engine.workers === 1 ? '' : 's'}` : 'without workers';
  const lines = [
    `Fathom ${where} ${workers} listening on ${url}`,
    `  Web app:        ${isWebAppBuilt ? `${url}/` : 'not built: run `npm run build:web` (npm start does it for you)'}`,
    `  API reference:  ${url}/docs`,
    `  Model:          ${describeModel(config)}`,
    `  Search:         ${describeSearch(config)}`,
  ];
  return `${lines.join('\n')}\n`;
}

function describeModel(config: Config): string {
  const choice = chooseLlmProvider(config.llm);
  if ('problem' in choice) return `none: ${choice.problem.replace(/^no LLM provider configured: /, '')} (cells that need a model fail until then)`;
  const { kind, model } = choice.settings;
  const at = kind === 'openai-compatible' ? ` at ${choice.settings.baseUrl}` : '';
  const reasoning = chooseLlmProvider(config.llm, 'reasoning');
  const reasoningModel = 'settings' in reasoning && reasoning.settings.model !== model ? `; ${reasoning.settings.model} for research_reasoning` : '';
  return `${model} (${kind}${at})${reasoningModel}`;
}

function describeSearch(config: Config): string {
  const provider = config.search.provider ?? (config.search.url ? 'searxng' : null);
  if (provider === null) return "none: research reads each company's own site (set FATHOM_SEARCH_PROVIDER to search the web)";
  return provider === 'searxng' && config.search.url ? `searxng at ${config.search.url}` : provider;
}
