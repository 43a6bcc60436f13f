import { afterAll, beforeAll, describe, expect } from 'vitest';
import { testBackends } from '../support/backends.ts';
import { registerAuthCases, type OwnedResources } from './cases/auth.ts';
import { registerBadInputCases } from './cases/bad-input.ts';
import { registerCrashCases } from './cases/crash.ts';
import { registerFormulaExportCases } from './cases/formula-export.ts';
import { registerPromptInjectionCases } from './cases/prompt-injection.ts';
import { registerRedosAndFanOutCases } from './cases/redos-and-fan-out.ts';
import { registerSchemaFuzzCases, type OpenApiDocument } from './cases/schema-fuzz.ts';
import { registerSsrfCases } from './cases/ssrf.ts';
import { startHostileServer, type HostileServer } from './hostile-server.ts';
import { createOwnedTable } from './owned-table.ts';
import { createHostileTally } from './hostile-tally.ts';

/**
 * The hostile audit, replayed: bad input, auth on every endpoint, SSRF address forms and
 * redirects, formula export, ReDoS, fan-out, kill -9 during ingest and during a run, and prompt
 * injection. Prints a table of cases tried / held when it ends; every case must hold.
 */
const tally = createHostileTally();

afterAll(() => {
  console.log(`\n${tally.render()}\n`);
});

describe.each(testBackends())('Hostile suite against the API on %s', (backend) => {
  let target: HostileServer;
  let owned: OwnedResources;
  let operations: { method: string; path: string }[] = [];
  let document: OpenApiDocument = { paths: {} };
  beforeAll(async () => {
    target = await startHostileServer(backend);
    const alice = target.server.alice;
    target.llm.addRule({ whenPromptIncludes: 'Owned-prompt', reply: { answer: 'owned answer', explanation: 'e', sources: [] } });
    owned = await createOwnedTable(alice, { name: 'Owned by A', prompt: 'Owned-prompt', input: 'owned.test', notes: 'private note' });
    expect(owned.runId).toBeTruthy();
    document = (await alice.get('/openapi.json')).body as OpenApiDocument;
    operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method, path })));
  });
  afterAll(() => target.close());

  registerBadInputCases(
    tally,
    () => target,
    () => owned.tableId,
  );
  registerAuthCases(
    tally,
    () => target,
    () => owned,
    () => operations,
  );
  registerRedosAndFanOutCases(tally, () => target);
  registerPromptInjectionCases(tally, () => target);
  // Last: it makes many tables and rows of its own.
  registerSchemaFuzzCases(
    tally,
    () => target,
    () => document,
  );
});

describe('Hostile suite against the fetcher', () => {
  registerSsrfCases(tally);
});

describe('Hostile suite against the exports', () => {
  registerFormulaExportCases(tally);
});

describe('Hostile suite: kill -9 on SQLite', () => {
  registerCrashCases(tally);
});
