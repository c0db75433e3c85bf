import { SetupRequest } from "@outflow/schemas/api/auth";
import { createFirstAdmin } from "@/features/setup/server/setup-service";
import { json, readJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The first admin. Needs no session, but the one-time token of the setup link `npm start` printed (403 without). */
export const POST = route(async (req) => json(await createFirstAdmin(await readJson(req, SetupRequest)), 201), { public: true });
