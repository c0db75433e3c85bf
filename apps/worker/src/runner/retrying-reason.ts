/**
 * A retrying task's status reason: the latest failure, how many retries this runner has made since the task went
 * `retrying`, and since when (UTC, to the second), e.g. "Elasticsearch: … ; 12 retries since 2026-12-07 11:30:02 UTC".
 * `reason` may already carry the chunk's own attempt ("…; retry 3"); the count here is the runner's.
 */
export function retryingReason(reason: string, retries: number, since: number): string {
  const at = new Date(since)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, " UTC");
  return `${reason}; ${retries} ${retries === 1 ? "retry" : "retries"} since ${at}`;
}

/** At most one status write per this many ms while retrying; the first and the recovery are always written. */
export const RETRYING_REASON_EVERY_MS = 1_000;
