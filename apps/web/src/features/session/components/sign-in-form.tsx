"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { ErrorNotice } from "@/components/error-notice";
import { FormField } from "@/components/form-field";
import { SubmitRow } from "@/components/submit-row";
import { signInWithPassword } from "../sign-in";

export function SignInForm() {
  const t = useTranslations("session.signIn");
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const failed = await signInWithPassword(email, password, t);
    if (!failed) {
      router.replace("/tasks");
      router.refresh();
      return;
    }
    setError(failed);
    setBusy(false);
  };

  return (
    <form className="stack" onSubmit={submit}>
      <FormField required label={t("email")} name="email" htmlFor="sign-in-email">
        {(control) => <input {...control} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />}
      </FormField>
      <FormField required label={t("password")} name="password" htmlFor="sign-in-password">
        {(control) => (
          <input {...control} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        )}
      </FormField>
      <ErrorNotice error={error} />
      <SubmitRow busy={busy} label={t("submit")} busyLabel={t("busy")} />
    </form>
  );
}
