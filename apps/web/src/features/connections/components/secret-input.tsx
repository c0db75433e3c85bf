"use client";

/** A write-only secret: never shown; with a stored value, empty means "keep it". */
export function SecretInput({
  id,
  value,
  onChange,
  isStored,
  multiline,
}: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  isStored: boolean;
  multiline?: boolean;
}) {
  const placeholder = isStored ? "Leave empty to keep the stored secret" : "";
  return (
    <span className="stack">
      {isStored ? (
        <span>
          <span className="badge ok" data-testid={`${id}-set`}>
            set
          </span>
        </span>
      ) : null}
      {multiline ? (
        <textarea id={id} value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} autoComplete="off" />
      ) : (
        <input id={id} type="password" value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} autoComplete="new-password" />
      )}
    </span>
  );
}
