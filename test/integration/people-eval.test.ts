import { describe, expect, it } from 'vitest';
import { formatPeopleEvalReport, runPeopleEval } from '../../eval/people-eval.ts';

// `npm run eval`'s people set: the issue-13 fixture web through a finder and an email finder, no model.
describe('The people eval on the people fixture web', () => {
  it('finds the current role holders only, and every address the fixtures support', async () => {
    const report = await runPeopleEval();
    const text = formatPeopleEvalReport(report);
    expect(report.companies, text).toBe(4);
    expect(report.formerReturned, text).toEqual([]);
    expect(report.precision, text).toBe(1);
    expect(report.recall, text).toBe(1);
    expect(report.emailAccuracy, text).toBe(1);
    expect(text).toMatch(/people precision 100\.0% \(5\/5/);
  }, 120_000);
});
