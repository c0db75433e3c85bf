import { DryRunReport, DryRunRequest } from "@outflow/schemas/api/dry-run";
import { dryRun } from "@/features/preview/server/dry-run-service";
import { jsonOf, readJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = route(async (req) => jsonOf(DryRunReport, await dryRun(await readJson(req, DryRunRequest, "", { allowNul: true }))), { role: "editor" });
