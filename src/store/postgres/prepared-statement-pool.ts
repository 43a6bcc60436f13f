import { createHash } from 'node:crypto';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

export interface PreparedStatementOptions {
  /** A text is prepared once it has been sent this many times by the process (1: from the first time). */
  usesBeforePreparing: number;
  /** At most this many statements are prepared on one connection; later texts go unnamed, as before. */
  maxPerConnection: number;
  /** How many distinct texts the process counts before it forgets the counts and starts again. */
  maxCountedTexts: number;
}

const DEFAULTS: PreparedStatementOptions = { usesBeforePreparing: 2, maxPerConnection: 64, maxCountedTexts: 2_000 };

/**
 * A pool for Kysely whose connections send the statements a process repeats as named prepared
 * statements. Why: the engine sends the same few statements (the claim, the ending, the context
 * read) hundreds of times a second, and without a name PostgreSQL parses, analyses and plans each
 * one every time: 2.2 of 7.4 s of database time in a 30,000-cell run went to the parse and bind
 * phases. node-postgres parses a named statement once per connection and then only binds it, and
 * PostgreSQL may then reuse a generic plan (postgres.js prepares every statement for this reason).
 *
 * Bounded on purpose: texts Kysely builds with one placeholder per item of a list vary with the
 * list's length, so only a text seen `usesBeforePreparing` times is prepared, at most
 * `maxPerConnection` per connection (each holds a plan in the backend's memory). Names are a hash
 * of the text, so one name always means one text on every connection.
 */
export function preparedStatementPool(pool: pg.Pool, options: Partial<PreparedStatementOptions> = {}): PostgresPool {
  const settings = { ...DEFAULTS, ...options };
  // Per text: how often it was sent and its name (hashed once, not at every send).
  const seen = new Map<string, { uses: number; name: string | undefined }>();
  const preparedBy = new WeakMap<pg.PoolClient, Set<string>>();

  function nameFor(client: pg.PoolClient, text: string): string | undefined {
    let entry = seen.get(text);
    if (!entry) {
      if (seen.size >= settings.maxCountedTexts) seen.clear();
      entry = { uses: 0, name: undefined };
      seen.set(text, entry);
    }
    entry.uses += 1;
    if (entry.uses < settings.usesBeforePreparing) return undefined;
    entry.name ??= preparedStatementName(text);
    let prepared = preparedBy.get(client);
    if (!prepared) {
      prepared = new Set();
      preparedBy.set(client, prepared);
    }
    if (prepared.has(entry.name)) return entry.name;
    if (prepared.size >= settings.maxPerConnection) return undefined;
    prepared.add(entry.name);
    return entry.name;
  }

  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let isStale = false;
      return {
        query: ((textOrCursor: string | PostgresCursor<unknown>, parameters?: ReadonlyArray<unknown>) => {
          if (typeof textOrCursor !== 'string') return client.query(textOrCursor as never);
          const name = nameFor(client, textOrCursor);
          // Kysely hands each query a fresh array of its own: sent as it is, not copied again.
          const values = (parameters ?? []) as unknown[];
          const sent = client.query(name ? { name, text: textOrCursor, values } : { text: textOrCursor, values }) as Promise<PostgresQueryResult<unknown>>;
          if (!name) return sent;
          return sent.catch((error: unknown) => {
            // A table a prepared `select *` reads gained or lost a column (a newer release
            // migrated while this process ran): PostgreSQL refuses the statement on this
            // connection from then on. The connection is closed when released, so the next
            // attempt (the engine retries claims and endings) prepares it afresh elsewhere.
            if (isPlanResultChange(error)) isStale = true;
            throw error;
          });
        }) as PostgresPoolClient['query'],
        release: (destroy?: boolean) => client.release(destroy || isStale),
      };
    },
    end: () => pool.end(),
  };
}

/** The name a text is prepared under: a hash of it, so one name always means one text. */
export function preparedStatementName(text: string): string {
  return `fathom_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
}

function isPlanResultChange(error: unknown): boolean {
  return (error as { code?: string }).code === '0A000' && /cached plan must not change result type/.test(String((error as Error).message));
}
