import type { ChunkSettlement, MessageOutcome } from "@outflow/pipeline";
import type { BulkWriter } from "./bulk-writer";
import type { SettleHooks } from "./settle-hooks";

/** Sends a chunk's actions until every message is settled; null when the runner had to stop first. */
export async function writeChunk(writer: BulkWriter, settlement: ChunkSettlement, hooks: SettleHooks): Promise<MessageOutcome[] | null> {
  let attempt = 0;
  while (!settlement.isComplete()) {
    if (!hooks.canContinue()) {
      return null;
    }
    const sent = settlement.pending();
    const results = await writer.send(sent);
    const fatal = results.find((r) => r.kind === "transient" && r.server === "fail");
    if (fatal?.kind === "transient") {
      await hooks.fatal(fatal.reason);
      return null;
    }
    const transient = settlement.record(sent, results);
    if (transient > 0) {
      attempt++;
      const server = results.find((r) => r.kind === "transient" && r.server === "retry");
      const reason =
        server?.kind === "transient" ? server.reason : `${transient} of ${sent.length} writes failed transiently (${settlement.lastTransient ?? "unknown"})`;
      await hooks.transient(reason, attempt);
    }
  }
  if (attempt > 0) {
    await hooks.recovered();
  }
  return settlement.results();
}
