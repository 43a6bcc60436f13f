import { describe, expect, it } from 'vitest';
import { formatProfileEvalReport, runProfileEval } from '../../eval/profile-eval.ts';
import { PROFILE_FIXTURES } from '../fixtures/fixture-web/index.ts';

// `npm run eval`'s company-profile half: every fixture site through a company table, no model.
describe('The company-profile eval on the structured-data fixture sites', () => {
  it('extracts at least 90 % of the stated fields and no fact of another organisation', async () => {
    const report = await runProfileEval();
    expect(report.sites).toBe(PROFILE_FIXTURES.length);
    expect(report.sites).toBeGreaterThanOrEqual(25);
    expect(report.statedFields).toBeGreaterThan(150);
    expect(report.foreignFacts).toEqual([]);
    expect(report.unstatedFilled).toEqual([]);
    expect(report.recall, formatProfileEvalReport(report)).toBeGreaterThanOrEqual(0.9);
    expect(formatProfileEvalReport(report)).toMatch(/stated fields extracted: \d+\.\d% \(\d+\/\d+\); facts from another organisation: 0/);
  }, 120_000);
});
