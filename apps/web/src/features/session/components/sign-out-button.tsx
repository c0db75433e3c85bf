"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sessionText } from "../messages";

export function SignOutButton() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const signOut = async () => {
    setBusy(true);
    await fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }).catch(() => {});
    router.replace("/sign-in");
    router.refresh();
  };
  return (
    <button type="button" onClick={signOut} disabled={busy}>
      {sessionText.nav.signOut}
    </button>
  );
}
