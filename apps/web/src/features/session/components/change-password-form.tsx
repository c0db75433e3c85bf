"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { FormField } from "@/components/form-field";

/** better-auth's change-password: checks the current one, signs out the user's other sessions. */
export function ChangePasswordForm() {
  const t = useTranslations("session");
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await fetch("/api/auth/change-password", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ currentPassword: current, newPassword: next, revokeOtherSessions: true }),
    });
    const body = (await res.json().catch(() => null)) as { message?: string } | null;
    setResult(res.ok ? { ok: true, message: t("account.passwordChanged") } : { ok: false, message: body?.message ?? `HTTP ${res.status}` });
    if (res.ok) {
      setCurrent("");
      setNext("");
    }
  };

  return (
    <section className="panel stack" aria-label={t("account.changePassword")}>
      <h2>{t("account.changePassword")}</h2>
      <form className="stack form-narrow" onSubmit={submit}>
        <FormField required label={t("account.currentPassword")} name="currentPassword" htmlFor="current-password">
          {(control) => (
            <input {...control} type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
          )}
        </FormField>
        <FormField required label={t("account.newPassword")} name="newPassword" htmlFor="new-password" hint={t("passwordHint")}>
          {(control) => (
            <input {...control} type="password" autoComplete="new-password" required minLength={8} value={next} onChange={(e) => setNext(e.target.value)} />
          )}
        </FormField>
        {result ? (
          <div className={`notice ${result.ok ? "ok" : "error"}`} role={result.ok ? "status" : "alert"}>
            {result.message}
          </div>
        ) : null}
        <div className="row">
          <button type="submit" className="primary">
            {t("account.savePassword")}
          </button>
        </div>
      </form>
    </section>
  );
}
