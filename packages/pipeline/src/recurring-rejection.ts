import type { ItemResult } from "./bulk-result";

/**
 * How long a mapping conflict (see MappingConflict) is taken for the concurrent-mapping race: until the same action
 * has been refused so on MAPPING_CONFLICT_TRIES sends, the first and the last at least MAPPING_CONFLICT_MS apart.
 * The race clears on the very next send (the winner's mapping is in place by the time the loser hears of it), so
 * four refusals over five seconds are no race; with the worker's backoff (0.25-0.5 s, doubling) the fifth refusal,
 * after about 6-10 s, is the one that ends it.
 */
export const MAPPING_CONFLICT_TRIES = 4;
export const MAPPING_CONFLICT_MS = 5_000;

type Seen = { count: number; since: number };

/**
 * The one place that decides whether a per-item rejection that looks transient stays so. `judge` takes what
 * classifyItem said about an action's latest send and returns what the settlement should do with it: a mapping
 * conflict that recurs for the same action past the bounds above becomes the action's permanent failure, with a
 * reason that names the field, the mapped type and the value's type; everything else is returned as it is. Keys
 * are the caller's (an action object, or a document's index and ID): one key, one action sent again.
 */
export class RecurringRejections<K> {
  private readonly seen = new Map<K, Seen>();

  judge(key: K, result: ItemResult, now: number): ItemResult {
    if (result.kind !== "transient" || !result.conflict) {
      if (result.kind !== "transient") {
        this.seen.delete(key);
      }
      return result;
    }
    const prior = this.seen.get(key);
    const seen = prior ? { count: prior.count + 1, since: prior.since } : { count: 1, since: now };
    this.seen.set(key, seen);
    const over = now - seen.since;
    if (seen.count < MAPPING_CONFLICT_TRIES || over < MAPPING_CONFLICT_MS) {
      return result;
    }
    this.seen.delete(key);
    const { field, mapped, value } = result.conflict;
    return {
      kind: "permanent",
      status: result.status,
      type: "illegal_argument_exception",
      reason:
        `field [${field}]: mapped type [${mapped}], this document's value [${value}]; refused the same way ${seen.count} times ` +
        `over ${(over / 1000).toFixed(1)} s, so not two writes mapping a new field at once (that clears on the next try); ` +
        `a new field whose values in one document map to two types (an array mixing integers and decimals) is refused every time: ` +
        "map the field (an index template) or make its values one type",
    };
  }
}
