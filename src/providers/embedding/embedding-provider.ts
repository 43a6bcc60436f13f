/** Turns texts into vectors (company search's hybrid ranking); one instance per model, shared, with its limits. */
export interface EmbeddingProvider {
  /** The model's name, stored beside every vector so a change of model re-embeds. */
  readonly model: string;
  /** One vector per text, in order. Throws when the provider fails (the caller's job is retried). */
  embed(texts: string[], signal?: AbortSignal): Promise<number[][]>;
}
