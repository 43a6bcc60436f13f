/**
 * Web pages are data. A sentence that talks to the model instead of describing the world
 * ("ignore previous instructions…") is never evidence: it is kept out of the passages a model
 * reads and refused as a supporting quote. The prompt's delimiters are the first defence; this
 * is the second, for models that follow page text anyway.
 */

const INSTRUCTION_PATTERNS: readonly RegExp[] = [
  /\b(ignore|disregard|forget|override|bypass)\b.{0,60}\b(instructions?|prompts?|rules|directions|guidelines)\b/i,
  /\b(system|developer)\s+(prompt|message|instructions?)\b/i,
  /^\s*(system|assistant|developer)\s*:/i,
  /\b(reveal|print|repeat|output|disclose|show)\b.{0,40}\b(system prompt|your (instructions|prompt|rules))\b/i,
  /\byou are (now )?(an? )?(ai|assistant|language model|chatbot|llm)\b/i,
  /\b(new|updated) instructions?\s*:/i,
];

/** True when a sentence addresses a model rather than a reader. */
export function isInstructionLike(sentence: string): boolean {
  return INSTRUCTION_PATTERNS.some((pattern) => pattern.test(sentence));
}

/** Splits text into sentences, keeping each sentence's own characters (for exact quoting). */
export function splitSentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=\S)/).filter((sentence) => sentence.trim() !== '');
}

/** The text with instruction-like sentences removed, and how many there were. */
export function withoutInstructions(text: string): { text: string; removed: number } {
  let removed = 0;
  const kept = splitSentences(text).filter((sentence) => {
    const isInstruction = isInstructionLike(sentence);
    if (isInstruction) removed += 1;
    return !isInstruction;
  });
  // Untouched text keeps its line breaks; they separate facts a model should not run together.
  return removed === 0 ? { text, removed } : { text: kept.join(' '), removed };
}
