import "server-only";
import { consumeSetupToken } from "@outflow/auth/setup-token";
import { countUsers, createUser } from "@outflow/auth/users";
import { serverError, serverIssue } from "@/lib/http/server-error";
import { auth } from "@/server/auth";
import { ctx } from "@/server/context";

/** Creates the first admin with the one-time token `npm start` printed; refused once any user exists. */
export async function createFirstAdmin(input: { token: string; name: string; email: string; password: string }): Promise<{ id: string; email: string }> {
  if ((await countUsers(ctx().db)) > 0) {
    throw serverError("conflict", "firstAdminExists");
  }
  if (!(await consumeSetupToken(ctx().db, input.token))) {
    throw serverError("forbidden", "setupLinkInvalid", {}, [serverIssue("token", "setupTokenInvalid")]);
  }
  return createUser(auth(), { name: input.name, email: input.email, password: input.password, role: "admin" });
}
