"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { ErrorNotice } from "@/components/error-notice";
import { FormField } from "@/components/form-field";
import { SubmitRow } from "@/components/submit-row";
import { fetchJson } from "@/lib/http/fetch-json";
import { signInWithPassword } from "../sign-in";

export function SetupForm({ token }: { token: string }) {
  const t = useTranslations("session");
  const signInT = useTranslations("session.signIn");
  const router = useRouter();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await fetchJson("/api/setup", undefined, { method: "POST", body: { token, name, email, password } });
      const failed = await signInWithPassword(email, password, signInT);
      if (failed) {
        throw new Error(failed);
      }
      router.replace("/tasks");
      router.refresh();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <form className="stack" onSubmit={submit}>
      <FormField required label={t("setup.name")} name="name" htmlFor="setup-name">
        {(control) => <input {...control} required value={name} onChange={(e) => setName(e.target.value)} />}
      </FormField>
      <FormField required label={t("signIn.email")} name="email" htmlFor="setup-email">
        {(control) => <input {...control} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />}
      </FormField>
      <FormField required label={t("signIn.password")} name="password" htmlFor="setup-password" hint={t("passwordHint")}>
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </FormField>
      <ErrorNotice error={error} />
      <SubmitRow busy={busy} label={t("setup.submit")} busyLabel={t("setup.busy")} />
    </form>
  );
}
