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
  return reviewVerdict(w.allClientIssues, preview.rows);
}
