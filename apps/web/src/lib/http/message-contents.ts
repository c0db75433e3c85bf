import "server-only";
import { randomBytes } from "node:crypto";
import { type ContentsMarks, swapMarks } from "./contents-marks";

/**
 * Message contents may hold U+2068 and U+2069 of their own, which the answer's reason pass (reason-view.ts) would
 * take for the marks around a reason's values: stripped for an editor, a span swallowing text for a viewer. Inside
 * contents they stand in as these instead: private-use fences around random text, made once per process and never
 * sent (contents cannot forge them), turned into the JSON escapes `\u2068` / `\u2069` once the reason pass is done.
 */
export const CONTENTS_MARKS: ContentsMarks = { open: standIn(), close: standIn() };

function standIn(): string {
  return `\uE000${randomBytes(18).toString("base64url")}\uE001`;
}

/**
 * Message contents (a Kafka message, a document, a preview's records) as the answer must carry them byte-exact.
 * Only ever the contents: never a structure that also holds a reason, whose marks must stay for the reason pass.
 */
export function messageContents<T>(value: T): T {
  return swapMarks(value, CONTENTS_MARKS);
}

/** The answer's JSON text with each stand-in written as the JSON escape of its character (JSON.parse gives it back). */
export function restoreContents(jsonText: string): string {
  return jsonText.replaceAll(CONTENTS_MARKS.open, "\\u2068").replaceAll(CONTENTS_MARKS.close, "\\u2069");
}
