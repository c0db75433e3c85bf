import { UserList, UserView } from "@outflow/schemas/api/auth";
import type { Role } from "@outflow/schemas/roles";
import { fetchJson, sendJson } from "@/lib/http/fetch-json";
import { usePagedList } from "@/lib/http/paged-list";

/** Every page of users loaded so far ("More" loads the next). */
export const useUserList = () => usePagedList(["users"], "/api/users?limit=100", UserList);

export const createUser = (body: { name: string; email: string; password: string; role: Role }) => sendJson("POST", "/api/users", UserView, body);

export const updateUser = (id: string, body: { role?: Role; password?: string }) => sendJson("PATCH", `/api/users/${encodeURIComponent(id)}`, UserView, body);

export const deleteUser = (id: string) => fetchJson(`/api/users/${encodeURIComponent(id)}`, undefined, { method: "DELETE" });
