import { join } from "node:path";
import { ROOT } from "@outflow/testing/stack";

/**
 * The admin's signed-in browser state, written by global-setup.ts and used by every page (playwright.config.ts);
 * outside test-results, which Playwright empties; one per console build (NEXT_DIST_DIR), so that two browser runs
 * at once keep their own sessions.
 */
export const ADMIN_STATE = join(ROOT, `node_modules/.cache/outflow-e2e/admin${process.env.NEXT_DIST_DIR ?? ""}.json`);

type Cookie = {
  name: string;
  value: string;
  domain: string;
  path: string;
  expires: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite: "Lax" | "Strict" | "None";
};

/** Signs in through better-auth's endpoint and returns its session cookies in Playwright's storageState form. */
export async function signInCookies(baseUrl: string, email: string, password: string): Promise<Cookie[]> {
  const res = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) {
    throw new Error(`sign-in of ${email} failed: HTTP ${res.status} ${await res.text()}`);
  }
  const host = new URL(baseUrl).hostname;
  return res.headers.getSetCookie().map((c) => {
    const [pair = "", ...attrs] = c.split(";").map((s) => s.trim());
    const eq = pair.indexOf("=");
    const maxAge = attrs.find((a) => a.toLowerCase().startsWith("max-age="));
    return {
      name: pair.slice(0, eq),
      value: pair.slice(eq + 1),
      domain: host,
      path: "/",
      expires: maxAge ? Math.floor(Date.now() / 1000) + Number(maxAge.split("=")[1]) : -1,
      httpOnly: attrs.some((a) => a.toLowerCase() === "httponly"),
      secure: attrs.some((a) => a.toLowerCase() === "secure"),
      sameSite: "Lax",
    };
  });
}
