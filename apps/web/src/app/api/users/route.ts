import { CreateUserRequest, UserList, UserView } from "@outflow/schemas/api/auth";
import { addUser, getUsers } from "@/features/users/server/user-service";
import { jsonOf, readJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route(async () => jsonOf(UserList, { items: await getUsers() }), { role: "admin" });

export const POST = route(async (req) => jsonOf(UserView, await addUser(await readJson(req, CreateUserRequest)), 201), { role: "admin" });
