/**
 * The Deep Search stand-ins (fixture web, model, search) in a process of their own, for
 * `bench/discovery.ts`: in the server's process their CPU (page rendering, the search
 * stand-in's scoring, the scripted model) shared Fathom's one event loop, so the 200 ms model
 * timers fired late and the bench measured the stand-ins as much as the engine. A real model
 * and search provider run elsewhere too. Speaks over the fork IPC channel:
 * ← {type:'ready', environment}; → {type:'start'} resets the counts; → {type:'stop'} ← {type:'stats', …}.
 */
import { createDeepSearchFixture, deepSearchCompanies, startDeepSearchEnvironment } from '../../test/fixtures/fixture-web/deep-search/index.ts';

const companies = Number(process.env.BENCH_COMPANIES ?? 300);
const modelDelayMs = Number(process.env.BENCH_MODEL_DELAY_MS ?? 200);
const slots = Number(process.env.BENCH_MODEL_SLOTS ?? 20);
let modelCalls = 0;
const environment = await startDeepSearchEnvironment({
  fixture: createDeepSearchFixture({ companies: deepSearchCompanies(companies), pageDelayMs: Number(process.env.BENCH_PAGE_DELAY_MS ?? 15) }),
  modelDelayMs,
  onModelCall: () => {
    modelCalls += 1;
  },
});

let samples = 0;
let busySlots = 0;
let sampler: NodeJS.Timeout | undefined;
const perSecond: number[][] = [];
let startedAt = 0;
let cpuAtStart = process.cpuUsage();

process.on('message', (message: { type: string }) => {
  if (message.type === 'start') {
    modelCalls = 0;
    samples = 0;
    busySlots = 0;
    environment.web.resetRequestLog();
    startedAt = performance.now();
    cpuAtStart = process.cpuUsage();
    // Slots in use as the provider sees them: its requests in flight, sampled every 10 ms.
    sampler = setInterval(() => {
      samples += 1;
      busySlots += Math.min(slots, environment.llm.inFlight);
      const second = Math.floor((performance.now() - startedAt) / 1000);
      perSecond[second] ??= [];
      perSecond[second].push(environment.llm.inFlight);
    }, 10);
  } else if (message.type === 'stop') {
    clearInterval(sampler);
    process.send?.({
      type: 'stats',
      modelCalls,
      cpuSeconds: (process.cpuUsage(cpuAtStart).user + process.cpuUsage(cpuAtStart).system) / 1e6,
      pageRequests: environment.web.requestLog.filter((request) => !request.path.startsWith('/robots.txt')).length,
      slotsInUse: busySlots / Math.max(1, samples),
      inFlightPerSecond: perSecond.map((values) => (values ?? []).reduce((sum, value) => sum + value, 0) / Math.max(1, values?.length ?? 0)),
    });
  } else if (message.type === 'close') {
    void environment.close().then(() => process.exit(0));
  }
});
process.send?.({ type: 'ready', environment: environment.environment });
