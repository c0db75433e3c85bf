import { type Role, roleAllows } from "@outflow/schemas/roles";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { requireActor } from "@/server/page-session";

/** A page only `need` and above may use: others reach it by URL only, and are told why they cannot. */
export async function RoleGate({ need, children }: { need: Role; children: ReactNode }) {
  const actor = await requireActor();
  if (!roleAllows(actor.role, need)) {
    const [t, shell] = await Promise.all([getTranslations("session.gate"), getTranslations("shell")]);
    return (
      <div className="notice warn" role="alert" data-testid="role-gate">
        {t("needs", { need: shell(`roles.${need}`), role: shell(`roles.${actor.role}`), roleKey: actor.role })}
      </div>
    );
  }
  return children;
}
