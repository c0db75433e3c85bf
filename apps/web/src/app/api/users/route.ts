import { CreateUserRequest, UserList, UserListQuery, UserView } from "@outflow/schemas/api/auth";
import { addUser, getUsers } from "@/features/users/server/user-service";
import { jsonOf, queryOf, readJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Oldest first, a page at a time: `?limit=` (1-200, 50) and `?offset=`. */
export const GET = route(async (req) => jsonOf(UserList, await getUsers(queryOf(req, UserListQuery))), { role: "admin" });

export const POST = route(async (req) => jsonOf(UserView, await addUser(await readJson(req, CreateUserRequest)), 201), { role: "admin" });
