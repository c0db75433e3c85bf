import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { currentPageActor } from "@/server/page-session";
import { storedLocaleOf } from "@/server/user-locale";
import { LOCALE_COOKIE, pickLocale } from "./locales";
import { MESSAGES } from "./messages";

/** next-intl's per-request configuration: the locale (user's choice, cookie, Accept-Language) and its catalogue. */
export default getRequestConfig(async () => {
  const [h, c, actor] = await Promise.all([headers(), cookies(), currentPageActor()]);
  const locale = pickLocale({
    user: actor ? await storedLocaleOf(actor.userId) : null,
    cookie: c.get(LOCALE_COOKIE)?.value,
    acceptLanguage: h.get("accept-language"),
  });
  // Every time the console shows is UTC, and says so (lib/format-date.ts): the worker, Kafka and the logs speak it.
  return { locale, messages: MESSAGES[locale], timeZone: "UTC" };
});
