"use client";

import { useTranslations } from "next-intl";
import type { ControlProps } from "@/components/form-field";

/** A write-only secret: never shown; with a stored value, empty means "keep it". `control`: from its FormField. */
export function SecretInput({
  id,
  value,
  onChange,
  isStored,
  multiline,
  control,
}: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  isStored: boolean;
  multiline?: boolean;
  control?: Omit<ControlProps, "id">;
}) {
  const t = useTranslations("connections.secret");
  const placeholder = isStored ? t("storedPlaceholder") : "";
  const badge = isStored ? (
    <span className="badge ok" data-testid={`${id}-set`} title={t("setTitle")}>
      {t("set")}
    </span>
  ) : null;
  if (multiline) {
    return (
      <span className="stack">
        {badge ? <span>{badge}</span> : null}
        <textarea {...control} id={id} value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} autoComplete="off" />
      </span>
    );
  }
  return (
    <span className="row" style={{ flexWrap: "nowrap" }}>
      <input
        {...control}
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
