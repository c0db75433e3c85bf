import { CreatedToken, TokenList } from "@outflow/schemas/api/auth";
import { queryOptions } from "@tanstack/react-query";
import { fetchJson, sendJson } from "@/lib/http/fetch-json";

export const tokenKeys = { list: (all: boolean) => ["tokens", all ? "all" : "mine"] as const };

export const tokenListOptions = (all: boolean) =>
  queryOptions({ queryKey: tokenKeys.list(all), queryFn: async () => (await fetchJson(`/api/tokens${all ? "?all=true" : ""}`, TokenList)).items });

export const createToken = (body: { name: string; expiresInDays: number }) => sendJson("POST", "/api/tokens", CreatedToken, body);

export const revokeToken = (id: string) => fetchJson(`/api/tokens/${encodeURIComponent(id)}`, undefined, { method: "DELETE" });
