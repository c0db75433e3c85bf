import { CONSOLE_LOCALES, type ConsoleLocale } from "@outflow/schemas/locales";
import Negotiator from "negotiator";

export const LOCALES = CONSOLE_LOCALES;
export type Locale = ConsoleLocale;
export const DEFAULT_LOCALE: Locale = "en";

/** The browser's choice (set by the language switch); a signed-in user's stored choice wins over it. */
export const LOCALE_COOKIE = "outflow-locale";

/** The language's own name, as the switch offers it. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", "zh-CN": "简体中文" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The console language for an `Accept-Language` header: the best of LOCALES by the header's q-values, where a
 * language without a region (or with another script or region, `zh-Hans`, `zh-TW`) takes the locale of its language;
 * DEFAULT_LOCALE when none fits.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) {
    return DEFAULT_LOCALE;
  }
  const negotiator = new Negotiator({ headers: { "accept-language": acceptLanguage } });
  const exact = negotiator.languages([...LOCALES])[0];
  if (isLocale(exact)) {
    return exact;
  }
  for (const wanted of negotiator.languages()) {
    const primary = wanted.split("-")[0]?.toLowerCase();
    const match = LOCALES.find((l) => l.split("-")[0]?.toLowerCase() === primary);
    if (match) {
      return match;
    }
  }
  return DEFAULT_LOCALE;
}

/**
 * The locale a request renders in: the signed-in user's stored choice, else the browser's cookie, else the
 * `Accept-Language` header.
 */
export function pickLocale(choices: { user?: string | null; cookie?: string | null; acceptLanguage?: string | null }): Locale {
  if (isLocale(choices.user)) {
    return choices.user;
  }
  if (isLocale(choices.cookie)) {
    return choices.cookie;
  }
  return negotiateLocale(choices.acceptLanguage);
}
