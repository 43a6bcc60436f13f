/** One change the user made, and how to take it back and do it again. */
export interface HistoryEntry {
  /** What was done, for the Undo button's title: "edit of Notes", "deleting 3 rows". */
  label: string;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

/** The most changes kept; older ones can no longer be undone. */
const MAX_ENTRIES = 100;

/**
 * Undo and redo of the user's own edits in this session (inputs typed, pasted or cleared, rows
 * deleted, column configs changed). Each entry talks to the server itself; one runs at a time so
 * Ctrl+Z pressed twice quickly undoes two changes in order. A new change forgets what was undone.
 * React reads it through `subscribe`/`getVersion`.
 */
export class EditHistory {
  private readonly done: HistoryEntry[] = [];
  private undone: HistoryEntry[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<() => void>();
  private version = 0;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  /** The label of what Undo would take back, or null. */
  get nextUndo(): string | null {
    return this.done.at(-1)?.label ?? null;
  }

  get nextRedo(): string | null {
    return this.undone.at(-1)?.label ?? null;
  }

  record(entry: HistoryEntry): void {
    this.done.push(entry);
    if (this.done.length > MAX_ENTRIES) this.done.shift();
    this.undone = [];
    this.bump();
  }

  /** Take back the latest change; resolves with its label, or null when there was none. Rejects if the server refused (the change is then dropped from the history). */
  undo(): Promise<string | null> {
    return this.step(this.done, this.undone, (entry) => entry.undo());
  }

  redo(): Promise<string | null> {
    return this.step(this.undone, this.done, (entry) => entry.redo());
  }

  private step(from: HistoryEntry[], to: HistoryEntry[], apply: (entry: HistoryEntry) => Promise<void>): Promise<string | null> {
    const result = this.queue.then(async () => {
      const entry = from.pop();
      if (!entry) return null;
      this.bump();
      await apply(entry);
      to.push(entry);
      this.bump();
      return entry.label;
    });
    this.queue = result.catch(() => {
      this.bump();
    });
    return result;
  }

  private bump(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}
