import { AppError, type ErrorCode, HTTP_STATUS } from "@outflow/schemas/errors";
import { errorResponse } from "@/lib/http/route";
import { auth } from "@/server/auth";

export const dynamic = "force-dynamic";

// better-auth's own endpoints (sign-in/email, sign-out, get-session, change-password, …); public sign-up is off.
// They answer in better-auth's format and check their own sessions, so they do not go through route().
export const GET = handle;
export const POST = handle;

/** The library answers a path or method it does not have with an empty 404: that one gets Outflow's error envelope. */
async function handle(req: Request): Promise<Response> {
  const res = await auth().handler(req);
  if (res.status < 400 || (await res.clone().text()) !== "") {
    return res;
  }
  const code = (Object.keys(HTTP_STATUS) as ErrorCode[]).find((c) => HTTP_STATUS[c] === res.status) ?? "not_found";
  return errorResponse(
    new AppError(
      code,
      code === "not_found" ? "The auth library has no such endpoint for this method" : `The auth library refused the request (HTTP ${res.status})`,
    ),
  );
}
