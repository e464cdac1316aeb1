import { redirect } from "react-router";
import { clearSessionCookie } from "../../lib/auth/cookies.server";
import type { Route } from "./+types/sign-out";

export function loader() {
  return redirect("/");
}

export async function action({ context }: Route.ActionArgs) {
  if (context.sessionToken) await context.services.auth.signOut(context.sessionToken);
  return redirect("/", { headers: { "Set-Cookie": clearSessionCookie(context.secure) } });
}
