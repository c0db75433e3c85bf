import { describe, expect, it } from "vitest";
import { type ServerSentence, serverError, serverIssue } from "./server-error";

/** The API's English before its sentences had keys: a contract for scripts, so each must render byte for byte. */
const BEFORE: [ServerSentence, Record<string, string | number>, string][] = [
  ["hostNotServed", {}, "This Host is not one the console is served as (set OUTFLOW_ORIGIN)"],
  ["pathPercentEscape", {}, "The path has an invalid percent escape (such as %ff)"],
  ["noApiEndpoint", { path: "/api/x" }, 'No API endpoint /api/x (see README "HTTP API")'],
  ["methodNotAllowed", { method: "PUT", path: "/api/x", allow: "GET, POST" }, "PUT is not allowed on /api/x; allowed: GET, POST"],
  ["contentTypeJson", { method: "POST", mediaType: "text/plain" }, "POST requests need content-type: application/json (got text/plain)"],
  ["contentTypeJsonNone", { method: "POST" }, "POST requests need content-type: application/json (got none)"],
  ["crossOrigin", { origin: "https://evil.example" }, "Cross-origin request refused (Origin https://evil.example is not this console's)"],
  ["crossSite", { site: "cross-site" }, "Cross-site request refused (Sec-Fetch-Site: cross-site)"],
  ["signInFirst", {}, "Sign in, or send an API token as Authorization: Bearer <token>"],
  ["roleNeededA", { role: "operator", actorRole: "viewer" }, "This needs the operator role; you are a viewer"],
  ["roleNeededAn", { role: "operator", actorRole: "admin" }, "This needs the operator role; you are an admin"],
  ["internalError", {}, "Something went wrong"],
  ["notFound", {}, "Not found"],
  ["nameInUse", {}, "The name is already in use"],
  ["nameInUseIssue", {}, "Name is already in use"],
  ["characterNotStorableNul", {}, "Contains a character that cannot be stored (such as NUL)"],
  ["characterNotStorableU0000", {}, "Contains a character that cannot be stored (such as \\u0000)"],
  ["numberOutOfRange", {}, "A number is out of range"],
  ["valueWrongForm", {}, "A value has the wrong form"],
  ["valueTooLong", {}, "A value is too long"],
  ["bodyEmpty", {}, "The request body is empty; send a JSON object"],
  ["bodyNotJson", { detail: "Unexpected token } in JSON at position 1" }, "The request body is not valid JSON: Unexpected token } in JSON at position 1"],
  ["bodyTooLarge", { maxBytes: 1048576 }, "The request body is larger than 1048576 bytes"],
  ["numberInexact", { reason: "9 has more digits" }, "9 has more digits; send it as a string to keep every digit"],
  ["nestedTooDeep", { maxDepth: 64 }, "Nested more than 64 levels deep"],
  ["nulCharacter", {}, "Contains a NUL character (\\u0000), which cannot be stored"],
  ["noSuchResource", {}, "No such resource (the id in the path cannot exist)"],
  ["authPathNotServed", { path: "admin/x" }, "The console does not serve the auth library's /api/auth/admin/x (users are managed through /api/users)"],
  ["passwordAttemptsPair", { seconds: 30 }, "Too many failed password attempts for this account from your address: try again in 30 s"],
  ["passwordAttemptsAddress", { seconds: 30 }, "Too many failed password attempts from your address: try again in 30 s"],
  [
    "passwordAttemptsAccount",
    { seconds: 30 },
    "Too many failed password attempts for this account from addresses it has not signed in from: try again in 30 s",
  ],
  ["authNoEndpoint", {}, "The auth library has no such endpoint for this method"],
  ["authRefused", { status: 400 }, "The auth library refused the request (HTTP 400)"],
  ["bearerSchemeNamed", { scheme: "Basic" }, 'The Authorization header must be "Bearer <token>" (an API token), but its scheme is "Basic"'],
  ["bearerSchemeNotBearer", {}, 'The Authorization header must be "Bearer <token>" (an API token), but its scheme is not Bearer'],
  ["bearerSchemeMissing", {}, 'The Authorization header must be "Bearer <token>" (an API token), but its scheme is missing'],
  ["bearerNoToken", {}, 'The Authorization header must be "Bearer <token>" (an API token), but it has no token'],
  ["bearerManyTokens", {}, 'The Authorization header must be "Bearer <token>" (an API token), but it has more than one token'],
  ["sendBearer", {}, "Send Bearer <token>, or no Authorization header to use the session"],
];

describe("the API's English sentences", () => {
  it.each(BEFORE)("%s renders as before", (key, params, english) => {
    expect(serverError("bad_request", key, params).message).toBe(english);
  });

  it("an issue in a server sentence's words keys it by its catalogue path", () => {
    expect(serverIssue("a.b", "nestedTooDeep", { maxDepth: 64 })).toEqual({
      field: "a.b",
      message: "Nested more than 64 levels deep",
      key: "server.nestedTooDeep",
      params: { maxDepth: "64" },
    });
  });
});
