import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** An address the console does not know (or a task, connection … that is gone), in the page's language. */
export default async function NotFound() {
  const t = await getTranslations("common.notFound");
  return (
    <main className="auth-page">
      <div className="panel stack">
        <div className="brand">Outflow</div>
        <h1>{t("title")}</h1>
        <p className="muted">{t("body")}</p>
        <Link href="/tasks">{t("back")}</Link>
      </div>
    </main>
  );
}
