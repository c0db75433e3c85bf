import type { ErrorCode, Issue, IssueParams } from "@outflow/schemas/errors";
import { createTranslator } from "next-intl";
import { z } from "zod";
import enErrors from "../../../messages/en/errors.json";
import zhErrors from "../../../messages/zh-CN/errors.json";
import { DEFAULT_LOCALE, isLocale, type Locale } from "../../i18n/locales";

const CATALOGUES: Record<Locale, typeof enErrors> = { en: enErrors, "zh-CN": zhErrors };
/** zod's own translations of its messages, for the issues the API keys `zod.<code>`. */
const ZOD_LOCALES: Record<Locale, () => { localeError: z.core.$ZodErrorMap }> = { en: z.locales.en, "zh-CN": z.locales.zhCN };

/** The page's language in the browser (`<html lang>`); English elsewhere. */
export function pageLocale(): Locale {
  const lang = typeof document === "undefined" ? undefined : document.documentElement.lang;
  return isLocale(lang) ? lang : DEFAULT_LOCALE;
}

/** A value of the type zod's message names, for its wording (the API never sends the input itself). */
const SAMPLE_INPUT: Record<string, unknown> = { string: "", number: 0, boolean: false, bigint: 0n, null: null, array: [], object: {}, undefined };

/**
 * An issue's message in `locale`: English is the API's own message; another language uses the issue's key and
 * arguments (zod's translation for `zod.<code>`, the `errors` catalogue for a key it holds: `required`,
 * `unknownField`, a schema's `schema.<area>.<name>`, the compile's `compile.<name>`), and keeps the English message
 * where the issue has no key or one the catalogue lacks (a sentence only the server can say).
 */
export function localizeIssue(issue: Issue, locale: Locale): string {
  if (locale === "en" || !issue.key) {
    return issue.message;
  }
  const params = issue.params ?? {};
  if (issue.key.startsWith("zod.")) {
    const { received, ...fields } = params;
    const raw = { ...fields, code: issue.key.slice(4), path: [], input: typeof received === "string" ? SAMPLE_INPUT[received] : undefined };
    const out = ZOD_LOCALES[locale]().localeError(raw as unknown as z.core.$ZodRawIssue);
    const text = typeof out === "string" ? out : out?.message;
    return text ?? issue.message;
  }
  return catalogueMessage(issue.key, params, locale) ?? issue.message;
}

/** The `errors` catalogue's message `key` in `locale` with the issue's arguments (a list joined by commas, null empty), if it has one and
 * they are all there. */
export function catalogueMessage(key: string, params: IssueParams, locale: Locale): string | undefined {
  if (typeof key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], CATALOGUES[locale]) !== "string") {
    return undefined;
  }
  const values = Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, typeof v === "number" ? v : Array.isArray(v) ? v.map(String).join(", ") : String(v ?? "")]),
  );
  // An argument the message names but the issue lacks (a server older than the catalogue): the English, not a key path.
  let failed = false;
  const onError = () => {
    failed = true;
  };
  const t = createTranslator({ locale, messages: { errors: CATALOGUES[locale] }, namespace: "errors", onError });
  const text = t(key as Parameters<typeof t>[0], values);
  return failed ? undefined : text;
}

/**
 * An error answer in `locale`: the issues translated where they can be, and a message that is the first issue's
 * (as the API words it: `field: message`), or the code's meaning followed by the server's own words.
 */
export function localizeError(
  error: { code: ErrorCode; message: string; key?: string; params?: IssueParams; issues: Issue[] },
  locale: Locale,
): { message: string; issues: Issue[] } {
  if (locale === "en") {
    return { message: error.message, issues: error.issues };
  }
  const issues = error.issues.map((i) => ({ ...i, message: localizeIssue(i, locale) }));
  const sentence = error.key ? catalogueMessage(`server.${error.key}`, error.params ?? {}, locale) : undefined;
  if (sentence !== undefined) {
    return { message: sentence, issues };
  }
  const first = issues[0];
  const t = createTranslator({ locale, messages: { errors: CATALOGUES[locale] }, namespace: "errors" });
  if (first && error.code === "unprocessable_entity") {
    return { message: first.field ? `${first.field}: ${first.message}` : first.message, issues };
  }
  return { message: t("withServerWords", { summary: t(`codes.${error.code}`), detail: error.message }), issues };
}
