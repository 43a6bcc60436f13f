/** The outcome of looking for a JSON value in a model's text. */
export type ExtractedJson = { found: true; value: unknown } | { found: false };

/**
 * Finds the JSON value in text from a model that was asked for JSON but did not (or could not)
 * use a structured-output mode. Tried in order, first success wins:
 * 1. the whole text, after removing `<think>…</think>` blocks that reasoning models
 *    (DeepSeek-R1, Qwen3 on Ollama) put in the content;
 * 2. each fenced code block (```json … ``` or ``` … ```);
 * 3. each balanced `{…}` or `[…]` span, scanning left to right, strings and escapes respected.
 */
export function extractJsonFromText(text: string): ExtractedJson {
  const visible = text.replace(/<think>[\s\S]*?<\/think>/gi, '').trim();

  const whole = tryParse(visible);
  if (whole.found) return whole;

  for (const match of visible.matchAll(/```[a-zA-Z]*\s*\n?([\s\S]*?)```/g)) {
    const fenced = tryParse((match[1] ?? '').trim());
    if (fenced.found) return fenced;
  }

  for (let start = 0; start < visible.length; start++) {
    const character = visible[start];
    if (character !== '{' && character !== '[') continue;
    const end = findBalancedEnd(visible, start);
    if (end === -1) continue;
    const span = tryParse(visible.slice(start, end + 1));
    if (span.found) return span;
  }
  return { found: false };
}

function tryParse(candidate: string): ExtractedJson {
  if (candidate === '') return { found: false };
  try {
    return { found: true, value: JSON.parse(candidate) };
  } catch {
    return { found: false };
  }
}

/** Index of the bracket closing the one at `start`, or -1 when the text ends first. */
function findBalancedEnd(text: string, start: number): number {
  const stack: string[] = [];
  let isInString = false;
  for (let index = start; index < text.length; index++) {
    const character = text[index];
    if (isInString) {
      if (character === '\\') index++;
      else if (character === '"') isInString = false;
      continue;
    }
    if (character === '"') isInString = true;
    else if (character === '{') stack.push('}');
    else if (character === '[') stack.push(']');
    else if (character === '}' || character === ']') {
      if (stack.pop() !== character) return -1;
      if (stack.length === 0) return index;
    }
  }
  return -1;
}
