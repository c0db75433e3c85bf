import type { Connection } from "@outflow/schemas/connection";

/** TLS / SASL / auth settings and which secrets are stored ("set"), without ever showing them. */
export function SecurityBadges({ connection: c }: { connection: Connection }) {
  const badges: { label: string; ok?: boolean }[] = [];
  if (c.kind === "kafka") {
    if (c.tls?.enabled) {
      badges.push({ label: "TLS" });
    }
    if (c.sasl) {
      badges.push({ label: `SASL ${c.sasl.mechanism} · ${c.sasl.username}` });
      badges.push({ label: c.sasl.hasPassword ? "password set" : "no password", ok: c.sasl.hasPassword });
    }
  } else if (c.kind === "schema_registry") {
    if (c.auth.type === "basic") {
      badges.push({ label: `basic · ${c.auth.username}` });
      badges.push({ label: c.auth.hasPassword ? "password set" : "no password", ok: c.auth.hasPassword });
    } else if (c.auth.type === "bearer") {
      badges.push({ label: c.auth.hasToken ? "token set" : "no token", ok: c.auth.hasToken });
    }
    if (c.tls) {
      badges.push({ label: "custom TLS" });
    }
  } else {
    if (c.auth.type === "basic") {
      badges.push({ label: `basic · ${c.auth.username}` });
      badges.push({ label: c.auth.hasPassword ? "password set" : "no password", ok: c.auth.hasPassword });
    } else if (c.auth.type === "apiKey") {
      badges.push({ label: c.auth.hasApiKey ? "API key set" : "no API key", ok: c.auth.hasApiKey });
    }
    if (c.tls) {
      badges.push({ label: "custom TLS" });
    }
  }
  if (c.tls?.hasKey) {
    badges.push({ label: "client key set", ok: true });
  }
  if (badges.length === 0) {
    return <span className="muted small">none</span>;
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
