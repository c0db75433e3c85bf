import { z } from "zod";

/**
 * The API's one paging shape, first the task list's: `?limit=&offset=` in, `{ items, total, offset, limit,
 * nextOffset }` out. A `limit` over the list's maximum is refused (422 naming `limit`), not clamped.
 */
export const MAX_PAGE_OFFSET = 100_000;

/** A query parameter given empty (`?q=&status=`) means "not given": the console's links carry them so. */
export const optionalParam = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

/** `limit` and `offset` of a list whose pages hold `defaultLimit` items unless asked, at most `maxLimit`; `noun` names them. */
export function pageParams(defaultLimit: number, maxLimit: number, noun: string) {
  return {
    limit: optionalParam(
      z.coerce
        .number({ error: "limit must be a whole number" })
        .int("limit must be a whole number")
        .min(1, "At least 1")
        .max(maxLimit, `At most ${maxLimit} ${noun} per page`),
    ).transform((n) => n ?? defaultLimit),
    offset: optionalParam(
      z.coerce
        .number({ error: "offset must be a whole number" })
        .int("offset must be a whole number")
        .min(0, "At least 0")
        .max(MAX_PAGE_OFFSET, `At most ${MAX_PAGE_OFFSET}`),
    ).transform((n) => n ?? 0),
  };
}

/** `?limit=&offset=` alone, for lists with no filters. */
export function PageQuery(defaultLimit: number, maxLimit: number, noun: string) {
  return z.strictObject(pageParams(defaultLimit, maxLimit, noun));
}
export type PageQuery = { limit: number; offset: number };

/** A page of `item`s. */
export function Page<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    /** Items in the whole list (matching the filters), on every page. */
    total: z.int(),
    offset: z.int(),
    limit: z.int(),
    /** The `offset` of the next page; null on the last. */
    nextOffset: z.int().nullable(),
  });
}

/** The page answer for `items` read at `q.offset` out of `total`. */
export function pageOf<T>(items: T[], total: number, q: PageQuery): { items: T[]; total: number; offset: number; limit: number; nextOffset: number | null } {
  const next = q.offset + items.length;
  return { items, total, offset: q.offset, limit: q.limit, nextOffset: items.length > 0 && next < total ? next : null };
}
