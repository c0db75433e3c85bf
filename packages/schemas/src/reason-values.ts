/**
 * A failure reason quotes the value that failed (`cannot cast string "abc" to number`), and values are message
 * contents, which viewers may not read. Wherever a reason is made, each value in it is wrapped between U+2068 (first
 * strong isolate) and U+2069 (pop directional isolate), the characters Unicode has for embedding foreign text in a
 * message; the reason is stored so. The API hands a viewer the reason with each value replaced by
 * {@link HIDDEN_VALUE}, everyone else the plain text (markers removed): one stored form, two views. Message contents
 * sent as such (a sample, a held message, a document) keep their own U+2068 and U+2069: the web app's routes carry
 * them past that pass as stand-ins (apps/web/src/lib/http/message-contents.ts).
 */
export const VALUE_OPEN = "\u2068";
export const VALUE_CLOSE = "\u2069";
/** What a viewer reads instead of a value. */
export const HIDDEN_VALUE = "‹hidden›";

const MARKERS = /[\u2068\u2069]/g;
/** A value span; one cut short (a reason truncated after its opening mark) runs to the end of its text. */
const SPAN = /\u2068[^\u2069]*(?:\u2069|$)/g;

/** Marks `value` as message contents. Markers inside the value itself are replaced, so none can end the span early. */
export function markValue(value: string): string {
  return `${VALUE_OPEN}${value.replace(MARKERS, "\uFFFD")}${VALUE_CLOSE}`;
}

/** The reason as an editor reads it: values shown, markers removed. */
export function plainReason(text: string): string {
  return text.replace(MARKERS, "");
}

/** The reason as a viewer reads it: every value replaced by {@link HIDDEN_VALUE}. */
export function maskedReason(text: string): string {
  return text.replace(SPAN, HIDDEN_VALUE).replace(MARKERS, "");
}

/**
 * The same on a JSON text (an API answer): a span is also cut at the end of the JSON string holding it, so a value
 * whose closing mark was truncated away cannot swallow the rest of the document.
 */
export function maskedJsonText(json: string): string {
  return json.replace(/\u2068(?:[^\u2069"\\]|\\.)*\u2069?/g, HIDDEN_VALUE).replace(MARKERS, "");
}

/**
 * Elasticsearch's and OpenSearch's item errors quote the document: `failed to parse field [n] of type [long] in
 * document with id 'abc'. Preview of field's value: 'xyz'`, `[abc]: version conflict, …`. Those values are marked;
 * the rest of the server's words (field names and types, from the mapping) stay readable.
 */
export function markServerValues(reason: string): string {
  return reason
    .replace(/(Preview of field's value: ')([\s\S]*)$/, (_m, head: string, value: string) => `${head}${markValue(value.replace(/'$/, ""))}'`)
    .replace(/(document with id ')(.*?)('(?:\.|$| ))/g, (_m, head: string, id: string, tail: string) => `${head}${markValue(id)}${tail}`)
    .replace(/^\[([^\]]*)\](: version conflict)/, (_m, id: string, tail: string) => `[${markValue(id)}]${tail}`);
}

/** `value` with `fn` applied to every string in it, however deep (an event's details, a reason inside an outcome). */
export function mapStrings<T>(value: T, fn: (s: string) => string): T {
  if (typeof value === "string") {
    return fn(value) as T;
  }
  if (Array.isArray(value)) {
    return value.map((v) => mapStrings(v, fn)) as T;
  }
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)])) as T;
  }
  return value;
}
