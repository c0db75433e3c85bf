import type { IssueParams } from "@outflow/schemas/errors";
import { useLocale, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { isLocale, type Locale } from "../i18n/locales";
import { isApiError } from "../lib/http/fetch-json";
import { catalogueMessage } from "../lib/http/localize-error";

/** The server's own words (a broker's error, a path it was sent): data to the Chinese-page check, not untranslated UI. */
const serverText = (text: ReactNode, key?: string | number) => (
  <span key={key} data-server-text="">
    {text}
  </span>
);

const shown = (v: IssueParams[string] | undefined) => (Array.isArray(v) ? v.map(String).join(", ") : String(v ?? ""));

/**
 * The catalogue's sentence `key` in `locale` with each argument (the server's data) marked as server text, if it
 * words `expected` (the text the console already made of the answer); else undefined.
 */
export function keyedWords(key: string, params: IssueParams, locale: Locale, expected: string): ReactNode[] | undefined {
  const names = Object.keys(params);
  const text = catalogueMessage(key, Object.fromEntries(names.map((n, i) => [n, `\uE000${i}\uE001`])), locale);
  const parts = text?.split(/\uE000(\d+)\uE001/);
  if (!parts || parts.map((p, j) => (j % 2 === 1 ? shown(params[names[Number(p)] ?? ""]) : p)).join("") !== expected) {
    return undefined;
  }
  return parts.map((p, j) => (j % 2 === 1 ? serverText(shown(params[names[Number(p)] ?? ""]), j) : p));
}

/** An error from the API (or anything thrown), with its field issues listed. */
export function ErrorNotice({ error, title }: { error: unknown; title?: string }) {
  const t = useTranslations("common");
  const te = useTranslations("errors");
  const pageLocale = useLocale();
  if (!error) {
    return null;
  }
  const locale: Locale = isLocale(pageLocale) ? pageLocale : "en";
  const message = error instanceof Error ? error.message : String(error);
  const issues = isApiError(error) ? (error.issues ?? []) : [];
  const showList = issues.length > 1 || (issues.length === 1 && !message.includes(issues[0]?.message ?? ""));
  const issueWords = (i: { message: string; key?: string; params?: IssueParams }): ReactNode =>
    // An issue without a key is in the server's words; one with a server sentence's key has the server's data in it.
    !i.key ? serverText(i.message) : i.key.startsWith("server.") ? (keyedWords(i.key, i.params ?? {}, locale, i.message) ?? i.message) : i.message;
  const messageWords = (): ReactNode => {
    if (!isApiError(error) || locale === "en") {
      return message;
    }
    if (error.words) {
      return keyedWords(`server.${error.words.key}`, error.words.params ?? {}, locale, message) ?? serverText(message);
    }
    const first = issues[0];
    if (first && error.code === "unprocessable_entity" && (message === first.message || message === `${first.field}: ${first.message}`)) {
      return message === first.message ? (
        issueWords(first)
      ) : (
        <>
          {`${first.field}: `}
          {issueWords(first)}
        </>
      );
    }
    // The code's meaning, then the server's own words (localizeError's `withServerWords`).
    const [before = "", after = ""] = te("withServerWords", { summary: te(`codes.${error.code}`), detail: "\uE000" }).split("\uE000");
    if (message.startsWith(before) && message.endsWith(after) && message.length >= before.length + after.length) {
      return [before, serverText(message.slice(before.length, message.length - after.length), "detail"), after];
    }
    return serverText(message);
  };
  return (
    <div className="notice error" role="alert">
      {title ? <strong>{t("errorTitle", { title })}</strong> : null}
      {messageWords()}
      {showList ? (
        <ul>
          {issues.map((i) => (
            <li key={`${i.field}:${i.message}`}>
              {i.field ? <code>{i.field}</code> : null} {issueWords(i)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
