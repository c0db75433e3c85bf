import { type Role, roleAllows } from "@outflow/schemas/roles";
import type { ReactNode } from "react";
import { requireActor } from "@/server/page-session";
import { sessionText } from "../messages";

/** A page only `need` and above may use: others reach it by URL only, and are told why they cannot. */
export async function RoleGate({ need, children }: { need: Role; children: ReactNode }) {
  const actor = await requireActor();
  if (!roleAllows(actor.role, need)) {
    return (
      <div className="notice warn" role="alert" data-testid="role-gate">
        {sessionText.gate.needs(need, actor.role)}
      </div>
    );
  }
  return children;
}
