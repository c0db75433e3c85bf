"use client";

import { Connection as ConnectionSchema } from "@outflow/schemas/connection";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson, sendJson } from "@/lib/http/fetch-json";
import { ConnectionTestResult, NoContent } from "../connection-schemas";
import { connectionKeys } from "../queries";

const url = (id: string) => `/api/connections/${encodeURIComponent(id)}`;

export function useCreateConnection() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: unknown) => sendJson("POST", "/api/connections", ConnectionSchema, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: connectionKeys.all }),
  });
}

/** `patch` is a JSON merge patch: secrets left out are kept by the server. */
export function useUpdateConnection() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: unknown }) => sendJson("PATCH", url(id), ConnectionSchema, patch),
    onSuccess: () => qc.invalidateQueries({ queryKey: connectionKeys.all }),
  });
}

export function useDeleteConnection() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => fetchJson(url(id), NoContent, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: connectionKeys.all }),
  });
}

/** Tests a saved connection (by id; the server keeps the result as its last test) or unsaved settings (an input). */
export function useTestConnection() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (target: { id: string } | { input: unknown }) =>
      "id" in target
        ? sendJson("POST", `${url(target.id)}/test`, ConnectionTestResult)
        : sendJson("POST", "/api/connections/test", ConnectionTestResult, target.input),
    onSettled: (_r, _e, target) => ("id" in target ? qc.invalidateQueries({ queryKey: connectionKeys.list() }) : undefined),
  });
}
