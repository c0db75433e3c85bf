"use client";

import type { PreviewRow } from "@/features/preview/preview-schemas";
import { type ReviewVerdict, reviewVerdict } from "../review-verdict";
import { useWizard } from "../wizard-context";
import type { WizardIssue } from "../wizard-issues";
import { useClientPreview } from "./use-preview";
import { useSamples } from "./use-samples";

/** Every step's problems (the server's last answer too, until its field is edited), each once. */
function useAllIssues(): WizardIssue[] {
  const w = useWizard();
  const server = w.issues.filter((i) => i.origin === "server");
  const said = new Set(server.map((i) => `${i.field}\u0000${i.message}`));
  return [...server, ...w.allClientIssues.filter((i) => !said.has(`${i.field}\u0000${i.message}`))];
}

/** The sampled messages through the whole pipeline (in the browser). */
export function useReviewRows(): PreviewRow[] {
  const { samples } = useSamples();
  return useClientPreview(samples, "all").rows;
}

/** Every step's problems and the whole pipeline over the sampled messages, as one verdict. */
export function useReviewVerdict(): ReviewVerdict {
  return reviewVerdict(useAllIssues(), useReviewRows());
}
