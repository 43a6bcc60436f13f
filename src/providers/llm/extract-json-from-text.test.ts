import { describe, expect, it } from 'vitest';
import { extractJsonFromText } from './extract-json-from-text.ts';

describe('extractJsonFromText', () => {
  it('parses plain JSON', () => {
    expect(extractJsonFromText(' {"answer": 1} ')).toEqual({ found: true, value: { answer: 1 } });
    expect(extractJsonFromText('[1, 2]')).toEqual({ found: true, value: [1, 2] });
  });

  it('finds JSON in a fenced code block', () => {
    const text = 'Here you go:\n```json\n{"answer": "Payments"}\n```\nAnything else?';
    expect(extractJsonFromText(text)).toEqual({ found: true, value: { answer: 'Payments' } });
  });

  it('finds a balanced object inside prose, with braces and quotes inside strings', () => {
    const text = 'Sure! {"answer": "a } tricky \\" value", "list": [{"x": 1}]} Hope that helps {not json}';
    expect(extractJsonFromText(text)).toEqual({ found: true, value: { answer: 'a } tricky " value', list: [{ x: 1 }] } });
  });

  it('skips reasoning blocks and a first bracket that is not JSON', () => {
    const text = '<think>maybe {"answer": "wrong"}</think>[see below] {"answer": "right"}';
    expect(extractJsonFromText(text)).toEqual({ found: true, value: { answer: 'right' } });
  });

  it('reports nothing found for text without JSON or with a cut-off object', () => {
    expect(extractJsonFromText('I cannot help with that.')).toEqual({ found: false });
    expect(extractJsonFromText('{"answer": "cut')).toEqual({ found: false });
    expect(extractJsonFromText('')).toEqual({ found: false });
  });
});
