"use client";

import { useTranslations } from "next-intl";

/** A console page that threw while rendering: said in the page's language, inside the shell, with a retry. */
export default function ConsolePageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("common.pageError");
  return (
    <div className="stack">
      <div className="page-header">
        <h1>{t("title")}</h1>
      </div>
      <div className="notice error" role="alert">
        {t("body")}
        {error.digest ? <div className="muted small">{t("digest", { digest: error.digest })}</div> : null}
      </div>
      <div className="row">
        <button type="button" className="primary" onClick={reset}>
          {t("retry")}
        </button>
      </div>
    </div>
  );
}
