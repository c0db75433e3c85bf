import { CreatedToken, TokenList } from "@outflow/schemas/api/auth";
import { fetchJson, sendJson } from "@/lib/http/fetch-json";
import { usePagedList } from "@/lib/http/paged-list";

export const tokenKeys = { list: (all: boolean) => ["tokens", all ? "all" : "mine"] as const };

/** Every page of tokens loaded so far ("More" loads the next). */
export const useTokenList = (all: boolean) => usePagedList(tokenKeys.list(all), `/api/tokens?limit=100${all ? "&all=true" : ""}`, TokenList);

export const createToken = (body: { name: string; expiresInDays: number }) => sendJson("POST", "/api/tokens", CreatedToken, body);

export const revokeToken = (id: string) => fetchJson(`/api/tokens/${encodeURIComponent(id)}`, undefined, { method: "DELETE" });
