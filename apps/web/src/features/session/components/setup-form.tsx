"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { ErrorNotice } from "@/components/error-notice";
import { FormField } from "@/components/form-field";
import { SubmitRow } from "@/components/submit-row";
import { fetchJson } from "@/lib/http/fetch-json";
import { sessionText } from "../messages";
import { signInWithPassword } from "../sign-in";

const t = sessionText.setup;

export function SetupForm({ token }: { token: string }) {
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
      const failed = await signInWithPassword(email, password);
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
      <FormField required label={t.name} name="name" htmlFor="setup-name">
        {(control) => <input {...control} required value={name} onChange={(e) => setName(e.target.value)} />}
      </FormField>
      <FormField required label={sessionText.signIn.email} name="email" htmlFor="setup-email">
        {(control) => <input {...control} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />}
      </FormField>
      <FormField required label={sessionText.signIn.password} name="password" htmlFor="setup-password" hint="At least 8 characters">
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
      <SubmitRow busy={busy} label={t.submit} busyLabel={t.busy} />
    </form>
  );
}
