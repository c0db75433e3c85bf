"use client";

import { type ReviewVerdict, reviewVerdict } from "../review-verdict";
import { useWizard } from "../wizard-context";
import { useClientPreview } from "./use-preview";
import { useSamples } from "./use-samples";

/** Every step's problems and the whole pipeline over the sampled messages (in the browser), as one verdict. */
export function useReviewVerdict(): ReviewVerdict {
  const w = useWizard();
  const { samples } = useSamples();
  const preview = useClientPreview(samples, "all");
  // The server's answer to the last save counts too (until its field is edited), each problem once.
  const server = w.issues.filter((i) => i.origin === "server");
  const said = new Set(server.map((i) => `${i.field}\u0000${i.message}`));
  return reviewVerdict([...server, ...w.allClientIssues.filter((i) => !said.has(`${i.field}\u0000${i.message}`))], preview.rows);
}
