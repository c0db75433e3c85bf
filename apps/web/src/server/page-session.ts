import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { type Actor, pageActorOf } from "./auth";

/** The signed-in user of the page being rendered, or null; looked up once per request (the layout and i18n share it). */
export const currentPageActor = cache(async (): Promise<Actor | null> => pageActorOf(await headers()));

/** The signed-in user of a page; without a session, a redirect to /sign-in. */
export async function requireActor(): Promise<Actor> {
  const actor = await currentPageActor();
  if (!actor) {
    redirect("/sign-in");
  }
  return actor;
}
