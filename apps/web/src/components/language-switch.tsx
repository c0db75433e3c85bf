"use client";

import { MeView } from "@outflow/schemas/api/auth";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useId, useTransition } from "react";
import { isLocale, LOCALE_COOKIE, LOCALE_NAMES, LOCALES, type Locale } from "@/i18n/locales";
import { sendJson } from "@/lib/http/fetch-json";

const YEAR_SECONDS = 365 * 24 * 3600;

/**
 * The console language: kept in this browser (a cookie) and, for a signed-in user, on their account, so it follows
 * them to other browsers. The page is then rendered again in the new language.
 */
export function LanguageSwitch({ signedIn }: { signedIn: boolean }) {
  const t = useTranslations("shell.language");
  const locale = useLocale();
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();

  const choose = (next: Locale) => {
    // biome-ignore lint/suspicious/noDocumentCookie: a plain preference cookie; the Cookie Store API is not in every browser
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=${YEAR_SECONDS}; samesite=lax`;
    startTransition(async () => {
      if (signedIn) {
        await sendJson("PATCH", "/api/me", MeView, { locale: next }).catch(() => undefined);
      }
      router.refresh();
    });
  };

  return (
    <div className="language-switch">
      <label htmlFor={id} className="muted small">
        {t("label")}
      </label>
      <select
        id={id}
        value={locale}
        disabled={pending}
        onChange={(e) => {
          if (isLocale(e.target.value)) {
            choose(e.target.value);
          }
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
