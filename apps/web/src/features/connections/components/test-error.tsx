import { useLocale } from "next-intl";
import { keyedWords } from "../../../components/error-notice";
import { isLocale } from "../../../i18n/locales";
import { testErrorText, testErrorWords } from "../last-test";

/**
 * Why a connection test failed: in the page's language where the test names its sentence (its arguments, the
 * connection and the client's own words, marked as server text), else the server's English, marked as server text.
 */
export function TestError({ error, details }: { error: string; details?: Record<string, unknown> }) {
  const pageLocale = useLocale();
  const locale = isLocale(pageLocale) ? pageLocale : "en";
  const words = locale === "en" ? undefined : testErrorWords(details);
  const text = testErrorText({ error, details }, locale);
  const marked = words && text !== undefined && text !== error ? keyedWords(words.key, words.params, locale, text) : undefined;
  return marked ?? <span data-server-text="">{error}</span>;
}
