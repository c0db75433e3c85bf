import { FocusableButton } from "./focusable-button";

/** A form's primary submit button, relabelled while the request runs; it keeps focus meanwhile (aria-disabled). */
export function SubmitRow({ busy, label, busyLabel }: { busy: boolean; label: string; busyLabel: string }) {
  return (
    <div className="row">
      <FocusableButton type="submit" className="primary" disabled={busy}>
        {busy ? busyLabel : label}
      </FocusableButton>
    </div>
  );
}
