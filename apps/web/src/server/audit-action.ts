const VERBS: Record<string, string> = { POST: "create", PUT: "replace", PATCH: "update", DELETE: "delete" };

/**
 * What a successful change through the API is called in the audit log, from its method and path alone (never
 * its body, which may hold secrets): `POST /api/tasks/:id/start` → task.start on that task, `PATCH
 * /api/connections/:id` → connection.update, `POST /api/users` → user.create, `POST
 * /api/tasks/:id/versions/3/restore` → task.versions.restore.
 */
export function auditActionOf(method: string, pathname: string, createdId?: string): { action: string; targetType: string; targetId: string | null } {
  const [, , collection = "", id, ...rest] = pathname.split("/");
  const targetType = collection.replace(/s$/, "");
  // The last segment is the verb; a sub-resource's id in between goes into the name: versions/3/restore →
  // versions.restore, held/skip → held.skip.
  const verb = rest.length ? [...rest.slice(0, -1).filter((_, i) => i % 2 === 0), rest.at(-1)].join(".") : "";
  if (verb) {
    return { action: `${targetType}.${verb}`, targetType, targetId: id ?? null };
  }
  return { action: `${targetType}.${VERBS[method] ?? method.toLowerCase()}`, targetType, targetId: id ?? createdId ?? null };
}
