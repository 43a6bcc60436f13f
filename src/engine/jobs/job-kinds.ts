import type { JobKind } from './job-kind.ts';

/** The job kinds an engine can run, by name; given to the engine when it is created. */
export class JobKindRegistry {
  private readonly kinds = new Map<string, JobKind<unknown>>();

  constructor(kinds: readonly JobKind<unknown>[] = []) {
    for (const kind of kinds) this.register(kind);
  }

  register<P>(kind: JobKind<P>): this {
    if (this.kinds.has(kind.name)) throw new Error(`job kind '${kind.name}' is registered twice`);
    this.kinds.set(kind.name, kind as unknown as JobKind<unknown>);
    return this;
  }

  find(name: string): JobKind<unknown> | undefined {
    return this.kinds.get(name);
  }

  /** Names of every kind, so a worker claims only jobs it can run. */
  names(): string[] {
    return [...this.kinds.keys()];
  }
}

/** A registry of the given kinds. */
export function createJobKinds(kinds: readonly JobKind<unknown>[] = []): JobKindRegistry {
  return new JobKindRegistry(kinds);
}
