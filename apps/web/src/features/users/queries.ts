import { UserList, UserView } from "@outflow/schemas/api/auth";
import type { Role } from "@outflow/schemas/roles";
import { queryOptions } from "@tanstack/react-query";
import { fetchJson, sendJson } from "@/lib/http/fetch-json";

export const userListOptions = () => queryOptions({ queryKey: ["users"], queryFn: async () => (await fetchJson("/api/users", UserList)).items });

export const createUser = (body: { name: string; email: string; password: string; role: Role }) => sendJson("POST", "/api/users", UserView, body);

export const updateUser = (id: string, body: { role?: Role; password?: string }) => sendJson("PATCH", `/api/users/${encodeURIComponent(id)}`, UserView, body);

export const deleteUser = (id: string) => fetchJson(`/api/users/${encodeURIComponent(id)}`, undefined, { method: "DELETE" });
