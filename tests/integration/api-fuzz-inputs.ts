/**
 * Inputs for the API fuzz (api-fuzz.int.test.ts): a seeded random source, hostile path ids and query values, and
 * body shapes (not JSON, wrong JSON types, 10,000-deep nesting, NUL characters, `__proto__`, huge numbers, oversized
 * bodies, and valid bodies with random leaves replaced).
 */

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;
export const pick = <T>(rnd: Random, items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;

/** Path segments where an id goes: none of them names a record. */
export const HOSTILE_IDS = [
  "%ff",
  "%00",
  "a%00b",
  "%c3%28",
  "%2e%2e",
  "..",
  "%2F",
  "%20",
  "null",
  "0",
  "-1",
  "9223372036854775808",
  "' OR 1=1 --",
  "%E2%80%AE",
  "%F0%9F%92%A9",
  "x".repeat(300),
  "%25",
  "%",
];

/** Values a random leaf is replaced with. */
const LEAVES: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  -0,
  2 ** 53 + 1,
  1e308,
  "",
  " ",
  "a\u0000b",
  "\u0000",
  "x".repeat(5000),
  "$",
  "$.a",
  "%ff",
  "<script>alert(1)</script>",
  "9223372036854775808",
  "\ud800",
  [],
  [null],
  ["a", 1],
  {},
  { "": 1 },
  { type: "nope" },
  JSON.parse('{"__proto__": {"polluted": true}}'),
];

/** The value with one random leaf (or the value itself) replaced; `rounds` replacements in a row. */
export function mutate(rnd: Random, value: unknown, rounds = 1): unknown {
  let out = structuredClone(value);
  for (let i = 0; i < rounds; i++) {
    out = replaceOne(rnd, out);
  }
  return out;
}

function replaceOne(rnd: Random, value: unknown): unknown {
  if (typeof value !== "object" || value === null || rnd() < 0.15) {
    return rnd() < 0.1 && typeof value === "object" && value !== null && !Array.isArray(value)
      ? { ...value, unexpected: pick(rnd, LEAVES) }
      : pick(rnd, LEAVES);
  }
  const keys = Object.keys(value);
  if (keys.length === 0) {
    return pick(rnd, LEAVES);
  }
  const key = pick(rnd, keys);
  const child = (value as Record<string, unknown>)[key];
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[Number(key)] = replaceOne(rnd, child);
    return copy;
  }
  return { ...(value as Record<string, unknown>), [key]: replaceOne(rnd, child) };
}

const deep = (open: string, close: string, inner: string, n: number) => `${open.repeat(n)}${inner}${close.repeat(n)}`;

/** Raw bodies that are hostile whatever the route (strings, sent as they are). */
export const HOSTILE_BODIES: readonly (string | undefined)[] = [
  undefined,
  "",
  "   ",
  "null",
  "true",
  "0",
  '"text"',
  "[]",
  "{}",
  "{not json",
  '{"a":1',
  "\u0000",
  '{"name":"a\\u0000b"}',
  '{"__proto__":{"polluted":true},"name":"x"}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"n":1e999}',
  '{"n":-1e999}',
  '{"n":9223372036854775808}',
  deep('{"a":', "}", "1", 10_000),
  deep("[", "]", "1", 10_000),
  `{"config":${deep('{"a":', "}", "1", 10_000)}}`,
  `{"name":"x","config":${deep("[", "]", "null", 5_000)}}`,
  `{"s":"${"x".repeat(200_000)}"}`,
];

/** Larger than the 1 MiB body limit. */
export const OVERSIZED_BODY = `{"s":"${"x".repeat(1_200_000)}"}`;

/** Query strings for the routes that read one. */
export const EVENTS_QUERIES = [
  "",
  "?after=9223372036854775808",
  "?after=9223372036854775807",
  "?after=99999999999999999999999",
  "?after=-1",
  "?after=abc",
  "?after=%00",
  "?after=%ff",
  "?limit=0",
  "?limit=1e9",
  "?limit=abc",
  "?limit=-5",
  "?after=1&limit=500",
];

export const TASKS_QUERIES = [
  "",
  "?q=%00",
  "?q=%25%5F%5C",
  "?q=%ff",
  `?q=${"x".repeat(5_000)}`,
  "?status=failed,retrying",
  "?status=,",
  "?status=%00",
  "?connection=%00",
  "?sort=rate&order=desc",
  "?sort=__proto__",
  "?limit=201",
  "?limit=1e9",
  "?limit=-1",
  "?offset=99999999999999999999",
  "?offset=1.5",
  "?limit=200&offset=0&sort=lag",
  "?cursor=abc",
];

/** `GET /api/preview/sample` after its connectionId, in turn: a steered read and its named errors. */
export const PREVIEW_SAMPLE_QUERIES = (topic: string) => [
  `&topics=${topic}`,
  `&topics=${topic}&partition=0&position=offset&offset=0&limit=2`,
  `&topics=${topic}&partition=99`,
  `&topics=${topic}&partition=0&position=offset&offset=9999999999999`,
  `&topics=${topic}&position=timestamp&timestamp=abc`,
  `&topics=${topic}&position=offset`,
  `&topics=${topic}&limit=51`,
];

export const SAMPLE_QUERIES = (topic: string) => [
  "",
  `?topics=${topic}`,
  `?topics=${topic}&limit=0`,
  `?topics=${topic}&limit=9999`,
  `?topics=${topic}&position=timestamp`,
  `?topics=${topic}&position=timestamp&timestamp=-1`,
  `?topics=${topic}&position=timestamp&timestamp=99999999999999999999`,
  `?topics=${topic}&position=nope`,
  "?topics=%00",
  "?topics=%ff",
  "?topics=a,b,c,d,e,f",
  "?topics=,,,",
  `?topics=${"t".repeat(300)}`,
  "?topics=no-such-topic-xyz",
];

export const SERIES_QUERIES = ["", "?range=1h", "?range=24h", "?range=nope", "?range=%00", "?from=-1", "?from=abc&to=1", "?step=0", "?range=1h&step=1e9"];

export const AUDIT_QUERIES = [
  "",
  "?actor=%00",
  "?action=task.",
  "?targetType=%ff",
  "?since=yesterday",
  "?since=2026-12-01T00:00:00Z&until=2026-11-01T00:00:00Z",
  "?before=abc",
  "?before=99999999999999999999999",
  "?limit=0",
  "?limit=501",
  "?limit=1e9",
  `?actor=${"a".repeat(300)}`,
  "?unknown=1",
];
