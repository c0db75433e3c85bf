import { safeCompileTask } from "@outflow/pipeline";
import { CreateTaskRequest } from "@outflow/schemas/api/tasks";
import { type Issue, issuesFromZod } from "@outflow/schemas/errors";
import type { ApiError } from "../../lib/http/fetch-json";
import { type Path, related } from "./draft-paths";
import type { WizardDraft } from "./wizard-draft";

export type WizardIssue = Issue & { origin: "client" | "server" };

/** The same checks the server runs (name schema + the pipeline's compile), on every keystroke. Fields are draft paths. */
export function clientIssues(draft: WizardDraft): WizardIssue[] {
  const out: WizardIssue[] = [];
  const name = CreateTaskRequest.shape.name.safeParse(draft.name);
  if (!name.success) {
    out.push(...issuesFromZod(name.error).map((i) => ({ field: "name", message: i.message, origin: "client" as const })));
  }
  const compiled = safeCompileTask(draft.config);
  if (!compiled.ok) {
    out.push(...compiled.issues.map((i) => ({ ...i, origin: "client" as const })));
    // The pipeline checks patterns and templates only once the schema holds: while the target is still empty,
    // compile once more with stand-ins for it, so a bad pattern is named at its field from the start.
    const seen = new Set(out.map((i) => `${i.field}\u0000${i.message}`));
    const sink = draft.config.sink ?? { connectionId: "", index: "" };
    const standIn = safeCompileTask({ ...draft.config, sink: { ...sink, connectionId: sink.connectionId || "preview", index: sink.index || "preview" } });
    if (!standIn.ok) {
      out.push(
        ...standIn.issues
          .filter((i) => !seen.has(`${i.field}\u0000${i.message}`) && i.field !== "sink.connectionId" && i.field !== "sink.index")
          .map((i) => ({ ...i, origin: "client" as const })),
      );
    }
  }
  return out;
}

/** Server fields are request paths (`config.sink.index`, `name`): the draft's paths drop the `config.` prefix. */
export function draftPathOf(serverField: string): Path {
  if (serverField === "config") {
    return "";
  }
  return serverField.startsWith("config.") ? serverField.slice("config.".length) : serverField;
}

export function serverIssues(err: ApiError): WizardIssue[] {
  return err.allIssues.map((i) => ({ field: draftPathOf(i.field), message: i.message, origin: "server" as const }));
}

/** Server issues stay until their field is edited; client issues show once their field was touched (or after a save attempt). */
export function visibleIssues(client: WizardIssue[], server: WizardIssue[], touched: ReadonlySet<Path>, showAll: boolean): WizardIssue[] {
  const shownClient = showAll ? client : client.filter((i) => [...touched].some((t) => related(t, i.field)));
  const serverKeys = new Set(server.map((i) => `${i.field}\u0000${i.message}`));
  return [...server, ...shownClient.filter((i) => !serverKeys.has(`${i.field}\u0000${i.message}`))];
}
