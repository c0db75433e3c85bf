/** A form's primary submit button, disabled and relabelled while the request runs. */
export function SubmitRow({ busy, label, busyLabel }: { busy: boolean; label: string; busyLabel: string }) {
  return (
    <div className="row">
      <button type="submit" className="primary" disabled={busy}>
        {busy ? busyLabel : label}
      </button>
    </div>
  );
}
