import type { CompanyIndexEntry } from './workspace-text-index.ts';
import { WorkspaceTextIndex } from './workspace-text-index.ts';
import { Slicer } from './yield-to-event-loop.ts';

/** What the cache reads from the database (the profiles and their change log, migration 0021). */
export interface CompanyIndexSource {
  /** The workspace's index version: raised by every transaction that saves or deletes one of its profiles. */
  readVersion(workspaceId: string): Promise<number>;
  /** The workspace's profiles in id order, after `afterId`. */
  listEntries(workspaceId: string, afterId: string | null, limit: number): Promise<CompanyIndexEntry[]>;
  /** Profiles saved or deleted at a version above `afterVersion`, with the version of their last change. */
  listChanges(workspaceId: string, afterVersion: number): Promise<Array<{ profileId: string; version: number }>>;
  /** The workspace's profiles of these ids as they are now (deleted ones absent). */
  findEntries(workspaceId: string, profileIds: string[]): Promise<CompanyIndexEntry[]>;
}

/** Profiles read per statement while loading a workspace, unless told (see companyIndexLoadPages). */
const LOAD_PAGE = 500;

/**
 * Each workspace's in-memory text index, loaded on first use and brought up to date before each
 * use. The database stays the source of truth: a transaction that saves or deletes profiles raises
 * the workspace's version and records the profiles it touched (in the same transaction), so one
 * indexed read per search tells whether anything changed since the version held (in this process
 * or another), and the catch-up reads back only the profiles changed since. A profile the read
 * does not find is removed, so a deleted profile is never returned.
 *
 * Why versions are safe to use as a watermark: the version row is updated by the writing
 * transaction, so its row lock orders the writers of a workspace, and a version is visible only
 * once every smaller one has committed (docs/decisions/2026-12-06-company-search-in-memory-index.md).
 *
 * At most `maxWorkspaces` indexes are held: using one makes it the most recent, and loading one
 * past the bound drops the least recently used (it is loaded again at its next search). A load is
 * cut into slices of about 10 ms with the event loop running between them, so a process serving
 * requests stays responsive while a large workspace loads (at start-up, see company-index-warm-up.ts).
 */
export class CompanyIndexCache {
  /** In order of use, least recent first. */
  private readonly workspaces = new Map<string, WorkspaceTextIndex>();
  private readonly refreshing = new Map<string, Promise<WorkspaceTextIndex>>();

  constructor(
    private readonly source: CompanyIndexSource,
    private readonly maxWorkspaces = Number.POSITIVE_INFINITY,
    private readonly loadPage = LOAD_PAGE,
  ) {}

  /** The workspace's index, up to date with what is committed. */
  async index(workspaceId: string): Promise<WorkspaceTextIndex> {
    // One refresh per workspace at a time; callers arriving meanwhile (a search during the
    // start-up warm-up) share it.
    const pending = this.refreshing.get(workspaceId);
    if (pending) return pending;
    const refresh = this.refresh(workspaceId)
      .then((index) => this.use(workspaceId, index))
      .finally(() => this.refreshing.delete(workspaceId));
    this.refreshing.set(workspaceId, refresh);
    return refresh;
  }

  /** Workspaces whose index is held, least recently used first. */
  heldWorkspaces(): string[] {
    return [...this.workspaces.keys()];
  }

  /** Mark the index the most recently used, and drop the least recently used past the bound. */
  private use(workspaceId: string, index: WorkspaceTextIndex): WorkspaceTextIndex {
    this.workspaces.delete(workspaceId);
    this.workspaces.set(workspaceId, index);
    for (const held of this.workspaces.keys()) {
      if (this.workspaces.size <= this.maxWorkspaces) break;
      if (held !== workspaceId) this.workspaces.delete(held);
    }
    return index;
  }

  private async refresh(workspaceId: string): Promise<WorkspaceTextIndex> {
    const version = await this.source.readVersion(workspaceId);
    const held = this.workspaces.get(workspaceId);
    if (held && held.version === version) return held;
    if (!held) {
      // The version is read before the profiles: whatever commits during the load has a larger
      // one, so the next search reads it again (re-reading a profile only replaces it with itself).
      // Built aside and published whole: a search never sees half a workspace.
      const index = new WorkspaceTextIndex();
      const slicer = new Slicer();
      let after: string | null = null;
      for (;;) {
        const page = await this.source.listEntries(workspaceId, after, this.loadPage);
        for (const entry of page) {
          index.upsert(entry);
          if (slicer.due()) await slicer.next();
        }
        if (page.length < this.loadPage) break;
        after = page.at(-1)!.id;
        await slicer.next();
      }
      index.trimPostings();
      index.version = version;
      return index;
    }
    const changes = await this.source.listChanges(workspaceId, held.version);
    const changed = [...new Set(changes.map((change) => change.profileId))];
    const current = new Map((await this.source.findEntries(workspaceId, changed)).map((entry) => [entry.id, entry]));
    // Applied in one synchronous step: a search never sees half a catch-up.
    for (const profileId of changed) {
      const entry = current.get(profileId);
      if (entry) held.upsert(entry);
      else held.remove(profileId);
    }
    held.version = changes.reduce((newest, change) => Math.max(newest, change.version), version);
    return held;
  }
}
