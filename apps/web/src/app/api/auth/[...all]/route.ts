import { auth } from "@/server/auth";

export const dynamic = "force-dynamic";

// better-auth's own endpoints (sign-in/email, sign-out, get-session, change-password, …); public sign-up is off.
// They answer in better-auth's format and check their own sessions, so they do not go through route().
export const GET = (req: Request) => auth().handler(req);
export const POST = (req: Request) => auth().handler(req);
