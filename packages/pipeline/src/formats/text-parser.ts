/** Turns one text value into records, or says why it cannot. */
export type TextParser = (text: string) => { ok: true; records: Record<string, unknown>[] } | { ok: false; reason: string };
