import type { Connection } from "@outflow/schemas/connection";
import { useTranslations } from "next-intl";

/** TLS / SASL / auth settings and which secrets are stored ("set"), without ever showing them. */
export function SecurityBadges({ connection: c }: { connection: Connection }) {
  const t = useTranslations("connections.badges");
  const badges: { label: string; ok?: boolean }[] = [];
  const password = (hasPassword: boolean) => badges.push({ label: hasPassword ? t("passwordSet") : t("noPassword"), ok: hasPassword });
  if (c.kind === "kafka") {
    if (c.tls?.enabled) {
      badges.push({ label: "TLS" });
    }
    if (c.sasl) {
      badges.push({ label: t("sasl", { mechanism: c.sasl.mechanism, username: c.sasl.username }) });
      password(c.sasl.hasPassword);
    }
  } else if (c.kind === "schema_registry") {
    if (c.auth.type === "basic") {
      badges.push({ label: t("basic", { username: c.auth.username }) });
      password(c.auth.hasPassword);
    } else if (c.auth.type === "bearer") {
      badges.push({ label: c.auth.hasToken ? t("tokenSet") : t("noToken"), ok: c.auth.hasToken });
    }
    if (c.tls) {
      badges.push({ label: t("customTls") });
    }
  } else {
    if (c.auth.type === "basic") {
      badges.push({ label: t("basic", { username: c.auth.username }) });
      password(c.auth.hasPassword);
    } else if (c.auth.type === "apiKey") {
      badges.push({ label: c.auth.hasApiKey ? t("apiKeySet") : t("noApiKey"), ok: c.auth.hasApiKey });
    }
    if (c.tls) {
      badges.push({ label: t("customTls") });
    }
  }
  if (c.tls?.hasKey) {
    badges.push({ label: t("clientKeySet"), ok: true });
  }
  if (badges.length === 0) {
    return <span className="muted small">{t("none")}</span>;
  }
  return (
    <span className="row">
      {badges.map((b) => (
        <span key={b.label} className={`badge${b.ok ? " ok" : ""}`}>
          {b.label}
        </span>
      ))}
    </span>
  );
}
