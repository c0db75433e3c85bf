import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { type Actor, pageActorOf } from "./auth";

/** The signed-in user of a page; without a session, a redirect to /sign-in. */
export async function requireActor(): Promise<Actor> {
  const actor = await pageActorOf(await headers());
  if (!actor) {
    redirect("/sign-in");
  }
  return actor;
}
