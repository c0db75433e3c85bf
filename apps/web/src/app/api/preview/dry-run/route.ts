import { DryRunReport, DryRunRequest } from "@outflow/schemas/api/dry-run";
import { dryRun } from "@/features/preview/server/dry-run-service";
import { messageContents } from "@/lib/http/message-contents";
import { json, readJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = route(
  async (req) => {
    const report = DryRunReport.parse(await dryRun(await readJson(req, DryRunRequest, "", { allowNul: true })));
    // The rejected values are contents; the groups' reasons keep their marks.
    return json({
      ...report,
      mappingRejections: report.mappingRejections.map((r) => ({ ...r, examples: r.examples.map((e) => ({ ...e, value: messageContents(e.value) })) })),
    });
  },
  { role: "editor" },
);
