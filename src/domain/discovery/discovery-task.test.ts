import { describe, expect, it } from 'vitest';
import { isHighFit, relevanceOf, remainingToEvaluate } from './discovery-task.ts';

const criteria = ['a', 'b', 'c', 'd'].map((key) => ({ key, name: key, criterion: `criterion ${key} holds` }));
const graded = (...grades: number[]) => Object.fromEntries(grades.map((grade, index) => [criteria[index]!.key, { grade, explanation: '', sources: [] }]));

describe('discovery scoring', () => {
  it('counts a company high-fit when at least 75 % of the criteria are graded 4 or 5', () => {
    expect(isHighFit(graded(4, 5, 4, 1), criteria)).toBe(true);
    expect(isHighFit(graded(4, 5, 3, 1), criteria)).toBe(false);
    expect(isHighFit({}, [])).toBe(true);
  });

  it('maps the mean grade onto 0–100, a missing grade counting as 1', () => {
    expect(relevanceOf(graded(5, 5, 5, 5), criteria)).toBe(100);
    expect(relevanceOf(graded(1, 1, 1, 1), criteria)).toBe(0);
    expect(relevanceOf(graded(3, 3), criteria)).toBe(25);
  });

  it('asks for what is missing to reach the target, counting work still in flight', () => {
    expect(remainingToEvaluate({ desiredNumResults: 10 }, { evaluated: 4, inFlight: 3 })).toBe(3);
    expect(remainingToEvaluate({ desiredNumResults: 10 }, { evaluated: 8, inFlight: 5 })).toBe(0);
  });
});
