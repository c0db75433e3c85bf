import type { Connection } from "@outflow/schemas/connection";
import { useLocale, useTranslations } from "next-intl";
import { isLocale } from "@/i18n/locales";
import { formatTime } from "@/lib/format";
import { summarizeLastTest } from "../last-test";

/** Two cells of a connection's row: what its last test found on the other side, and how that test went. */
export function LastTestCells({ connection }: { connection: Connection }) {
  const t = useTranslations("connections");
  const locale = useLocale();
  // The title is the failure's sentence in the page's language where the test names it.
  const s = summarizeLastTest(connection.lastTest, t, isLocale(locale) ? locale : "en");
  if (s.state === "never") {
    return (
      <>
        <td className="muted small">{t("lastTest.serverUnknown")}</td>
        <td className="muted small" data-testid="last-test">
          {t("lastTest.neverTested")}
        </td>
      </>
    );
  }
  return (
    <>
      <td className="small" data-testid="server">
        {s.server ?? <span className="muted">{t("lastTest.serverUnknown")}</span>}
      </td>
      <td className="small" data-testid="last-test" title={s.error ?? undefined}>
        <span className={`badge ${s.state === "ok" ? "ok" : "err"}`}>{s.state === "ok" ? t("lastTest.ok") : t("lastTest.failed")}</span>
        {s.category ? <> {s.category}</> : null}
        <div className="muted">
          {t("lastTest.testedAt", { when: formatTime(s.at) })} · {t("test.latency", { ms: s.latencyMs })}
        </div>
      </td>
    </>
  );
}
