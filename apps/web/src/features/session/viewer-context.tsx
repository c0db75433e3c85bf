"use client";

import { type Role, roleAllows } from "@outflow/schemas/roles";
import { createContext, type ReactNode, useContext } from "react";

/** The signed-in user, as the console's client components see it. */
export type Viewer = { id: string; email: string; name: string; role: Role };

const ViewerContext = createContext<Viewer | null>(null);

export function ViewerProvider({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  return <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
}

export function useViewer(): Viewer {
  const v = useContext(ViewerContext);
  if (!v) {
    throw new Error("useViewer outside the console layout");
  }
  return v;
}

/** Whether the signed-in user may do what `need` may: controls the role may not use are not shown. */
export function useCan(need: Role): boolean {
  return roleAllows(useViewer().role, need);
}
