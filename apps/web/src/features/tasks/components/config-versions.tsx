"use client";

import { useState } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { ErrorNotice } from "@/components/error-notice";
import { EscapableDetails } from "@/components/escapable-details";
import { JsonView } from "@/components/json-view";
import { MoreButton } from "@/components/more-button";
import { useCan } from "@/features/session/viewer-context";
import { formatTime } from "@/lib/format";
import { useRestoreVersion } from "../hooks/use-task-actions";
import { fetchVersionConfig, useTaskVersions } from "../queries";

/** The task's saved configs, newest first: who saved each, why, its diff from the one before; editors restore one. */
export function ConfigVersions({ taskId }: { taskId: string }) {
  const [open, setOpen] = useState(false);
  const versions = useTaskVersions(taskId, open);
  const restore = useRestoreVersion();
  const canEdit = useCan("editor");
  const items = versions.data ?? [];
  return (
    <EscapableDetails className="panel" aria-label="Config versions" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <strong>Versions</strong> <span className="muted small">every saved configuration, with who saved it</span>
      </summary>
      <ErrorNotice error={versions.error} title="Could not load the versions" />
      <ErrorNotice error={restore.error} title="Not restored" />
      {versions.isFetching && !versions.data ? <p className="muted">Loading…</p> : null}
      <ul className="event-log config-versions" data-testid="config-versions">
        {items.map((v, i) => (
          <li key={v.version} data-version={v.version}>
            <span className="mono small">v{v.version}</span>
            <span className="muted small">{formatTime(v.at)}</span>
            <span>
              {v.note}
              <span className="muted small"> {v.actor ? `by ${v.actor.email}` : "(author unknown)"}</span>
              {v.diff ? (
                <EscapableDetails>
                  <summary className="muted small">diff from the version before</summary>
                  <JsonView value={v.diff} />
                </EscapableDetails>
              ) : null}
              <WholeConfig taskId={taskId} version={v.version} offset={i} />
            </span>
            <span>
              {canEdit && i > 0 ? (
                <ConfirmButton
                  className=""
                  label={`Restore version ${v.version}`}
                  question={`Save version ${v.version}'s configuration as a new version? A running task restarts its consumers with it.`}
                  confirmLabel={`Restore v${v.version}`}
                  disabled={restore.isPending}
                  onConfirm={() => restore.mutate({ id: taskId, version: v.version })}
                >
                  Restore
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

/** A version's whole config, loaded when opened (the list carries only diffs). */
function WholeConfig({ taskId, version, offset }: { taskId: string; version: number; offset: number }) {
  const [state, setState] = useState<{ config?: unknown; error?: unknown; loading?: boolean }>({});
  const load = (open: boolean) => {
    if (!open || state.config !== undefined || state.loading) {
      return;
    }
    setState({ loading: true });
    fetchVersionConfig(taskId, version, offset).then(
      (config) => setState({ config }),
      (error: unknown) => setState({ error }),
    );
  };
  return (
    <EscapableDetails onToggle={(e) => load(e.currentTarget.open)}>
      <summary className="muted small">whole config</summary>
      <ErrorNotice error={state.error} title="Could not load the config" />
      {state.loading ? <p className="muted small">Loading…</p> : null}
      {state.config !== undefined ? <JsonView value={state.config} /> : null}
    </EscapableDetails>
  );
}
