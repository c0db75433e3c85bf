import type { useTranslations } from "next-intl";

/** The sign-in words (`useTranslations("session.signIn")`). */
export type SignInT = ReturnType<typeof useTranslations<"session.signIn">>;

/** Signs in through better-auth's endpoint (it sets the session cookie); "" when it worked, else what went wrong. */
export async function signInWithPassword(email: string, password: string, t: SignInT): Promise<string> {
  try {
    const res = await fetch("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    if (res.ok) {
      return "";
    }
    if (res.status === 401 || res.status === 400) {
      return t("failed");
    }
    if (res.status === 429) {
      return t("tooMany", { seconds: Math.max(1, Number(res.headers.get("x-retry-after")) || 10) });
    }
    const body = (await res.json().catch(() => null)) as { message?: string } | null;
    return body?.message ?? `HTTP ${res.status}`;
  } catch (err) {
    return (err as Error).message;
  }
}
