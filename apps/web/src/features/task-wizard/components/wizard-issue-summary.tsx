"use client";

import { useWizard } from "../wizard-context";
import { STEPS, type StepId, stepOf } from "../wizard-steps";

/** All problems at the top, each with a link to its step; the server's answer is named as such. */
export function WizardIssueSummary({ serverMessage, onGoTo }: { serverMessage: string | null; onGoTo: (s: StepId) => void }) {
  const w = useWizard();
  if (!serverMessage && w.issues.length === 0) {
    return null;
  }
  const label = (s: StepId) => STEPS.find((x) => x.id === s)?.label ?? s;
  return (
    <div className="notice error" role="alert" data-testid="wizard-issues">
      <strong>{serverMessage ? `Not saved: ${serverMessage}` : "Please fix these problems:"}</strong>
      {w.issues.length > 0 ? (
        <ul>
          {w.issues.map((i) => (
            <li key={`${i.origin}:${i.field}:${i.message}`}>
              {i.origin === "server" ? <span className="badge err">server</span> : null} {i.field ? <code>{i.field}</code> : null} {i.message}{" "}
              <button type="button" className="link" onClick={() => onGoTo(stepOf(i.field))}>
                go to {label(stepOf(i.field))}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
