"use client";

import { configNoteWords } from "@outflow/schemas/config-note-words";
import type { EventWordKey } from "@outflow/schemas/event-words";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { ErrorNotice } from "@/components/error-notice";
import { EscapableDetails } from "@/components/escapable-details";
import { JsonView } from "@/components/json-view";
import { MoreButton } from "@/components/more-button";
import { useCan } from "@/features/session/viewer-context";
import { useFormat } from "@/lib/use-format";
import { useRestoreVersion } from "../hooks/use-task-actions";
import { fetchVersionConfig, useTaskVersions } from "../queries";

/** The task's saved configs, newest first: who saved each, why, its diff from the one before; editors restore one. */
export function ConfigVersions({ taskId }: { taskId: string }) {
  const t = useTranslations("tasks.versions");
  const f = useFormat();
  const [open, setOpen] = useState(false);
  const versions = useTaskVersions(taskId, open);
  const restore = useRestoreVersion();
  const canEdit = useCan("editor");
  const items = versions.data ?? [];
  return (
    <EscapableDetails className="panel" aria-label={t("label")} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <strong>{t("title")}</strong> <span className="muted small">{t("intro")}</span>
      </summary>
      <ErrorNotice error={versions.error} title={t("loadError")} />
      <ErrorNotice error={restore.error} title={t("restoreError")} />
      {versions.isFetching && !versions.data ? <p className="muted">{t("loading")}</p> : null}
      <ul className="event-log config-versions" data-testid="config-versions">
        {items.map((v, i) => (
          <li key={v.version} data-version={v.version}>
            <span className="mono small">v{v.version}</span>
            <span className="muted small">{f.time(v.at)}</span>
            <span>
              <VersionNote note={v.note} />
              <span className="muted small"> {v.actor ? t("by", { email: v.actor.email }) : t("unknownAuthor")}</span>
              {v.diff ? (
                <EscapableDetails>
                  <summary className="muted small">{t("diff")}</summary>
                  <JsonView value={v.diff} />
                </EscapableDetails>
              ) : null}
              <WholeConfig taskId={taskId} version={v.version} offset={i} />
            </span>
            <span>
              {canEdit && i > 0 ? (
                <ConfirmButton
                  className=""
                  label={t("restoreLabel", { version: v.version })}
                  question={t("restoreQuestion", { version: v.version })}
                  confirmLabel={t("restoreConfirm", { version: v.version })}
                  disabled={restore.isPending}
                  onConfirm={() => restore.mutate({ id: taskId, version: v.version })}
                >
                  {t("restore")}
                </ConfirmButton>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
      <MoreButton list={versions} noun="versions" />
    </EscapableDetails>
  );
}

/** A version's note in the reader's language when the server wrote it (stored English), else as stored. */
function VersionNote({ note }: { note: string }) {
  const t = useTranslations("tasks.events");
  const words = configNoteWords(note);
  const key = words ? (`words.${words.messageKey}` as `words.${EventWordKey}`) : null;
  if (words && key && t.has(key)) {
    return <span data-testid="version-note">{t(key, words.params)}</span>;
  }
  return (
    <span data-testid="version-note" data-server-text="">
      {note}
    </span>
  );
}

/** A version's whole config, loaded when opened (the list carries only diffs). */
function WholeConfig({ taskId, version, offset }: { taskId: string; version: number; offset: number }) {
  const t = useTranslations("tasks.versions");
  const [state, setState] = useState<{ config?: unknown; error?: unknown; loading?: boolean }>({});
  const load = (open: boolean) => {
    if (!open || state.config !== undefined || state.loading) {
      return;
    }
    setState({ loading: true });
    fetchVersionConfig(taskId, version, offset).then(
      (config) => setState(config === null ? { error: new Error(t("moved", { version })) } : { config }),
      (error: unknown) => setState({ error }),
    );
  };
  return (
    <EscapableDetails onToggle={(e) => load(e.currentTarget.open)}>
      <summary className="muted small">{t("wholeConfig")}</summary>
      <ErrorNotice error={state.error} title={t("configError")} />
      {state.loading ? <p className="muted small">{t("loading")}</p> : null}
      {state.config !== undefined ? <JsonView value={state.config} /> : null}
    </EscapableDetails>
  );
}
