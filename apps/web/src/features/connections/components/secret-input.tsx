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
  const placeholder = isStored ? "Stored; type to replace" : "";
  const badge = isStored ? (
    <span className="badge ok" data-testid={`${id}-set`} title="A value is stored; it is never shown">
      set
    </span>
  ) : null;
  if (multiline) {
    return (
      <span className="stack">
        {badge ? <span>{badge}</span> : null}
        <textarea id={id} value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} autoComplete="off" />
      </span>
    );
  }
  return (
    <span className="row" style={{ flexWrap: "nowrap" }}>
      <input
        id={id}
        type="password"
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="new-password"
        style={{ flex: 1 }}
      />
      {badge}
    </span>
  );
}
