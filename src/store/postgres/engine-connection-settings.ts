/**
 * Session settings of the engine's PostgreSQL connections (claims, endings, renewals, the
 * engine's reads and its other bookkeeping), passed as the connections' startup options.
 *
 * - `synchronous_commit=off`: engine bookkeeping need not wait for its WAL flush. If PostgreSQL
 *   itself crashes, the last few hundred milliseconds of claims and endings are lost, their
 *   leases expire and the cells run again. Set on the connection, a claim or an ending is one
 *   round trip (no BEGIN, SET LOCAL, COMMIT around it).
 * - `plan_cache_mode=force_generic_plan`: the statements these connections repeat are prepared
 *   (preparedStatementPool), and a prepared statement is planned once per connection instead of
 *   at every execution. Left to choose, PostgreSQL kept re-planning the ending (4.6 ms of
 *   planning for 8–12 ms of execution, every batch). Unnamed statements are still planned with
 *   their values, as before.
 * - `enable_seqscan=off`: every engine statement is meant to reach its cells through a key or a
 *   partial index (the ready queue, the lease token, the primary key). A plan made once and kept
 *   is made from the statistics of that moment: a claim first planned on an empty table chose a
 *   sequential scan and a sort (cheapest on no rows) and kept it while a 30,000-cell run filled
 *   the table, reading every cell at every claim. With sequential scans priced out, the plan is
 *   the index whatever the statistics said; where no index serves, PostgreSQL still scans.
 */
export const ENGINE_CONNECTION_SETTINGS = '-c synchronous_commit=off -c plan_cache_mode=force_generic_plan -c enable_seqscan=off';
