import "server-only";
import { consumeSetupToken } from "@outflow/auth/setup-token";
import { countUsers, createUser } from "@outflow/auth/users";
import { AppError } from "@outflow/schemas/errors";
import { auth } from "@/server/auth";
import { ctx } from "@/server/context";

/** Creates the first admin with the one-time token `npm start` printed; refused once any user exists. */
export async function createFirstAdmin(input: { token: string; name: string; email: string; password: string }): Promise<{ id: string; email: string }> {
  if ((await countUsers(ctx().db)) > 0) {
    throw new AppError("conflict", "The first admin already exists: sign in, or ask an admin for an account");
  }
  if (!(await consumeSetupToken(ctx().db, input.token))) {
    throw new AppError("forbidden", "This setup link is unknown, used or expired: restart `npm start` for a new one", [
      { field: "token", message: "Unknown, used or expired" },
    ]);
  }
  return createUser(auth(), { name: input.name, email: input.email, password: input.password, role: "admin" });
}
