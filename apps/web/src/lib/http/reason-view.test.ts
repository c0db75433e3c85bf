import { HIDDEN_VALUE, markValue } from "@outflow/schemas/reason-values";
import type { Role } from "@outflow/schemas/roles";
import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
const { CONTENTS_MARKS, messageContents } = await import("./message-contents");
const { reasonsFor } = await import("./reason-view");

/** A held message's shape: a stored reason (its value marked) beside the message itself, which has marks of its own. */
const message = { key: "k\u2068", value: '{"note":"\u2068abc\u2069","tail":"\u2069 then \u2068 unclosed"}', headers: { "h\u2069": "\u2068v" } };
const reason = `rule 1 (cast): n: cannot cast string ${markValue("secret")} to number`;

async function answer(role: Role | null, body: unknown): Promise<string> {
  const res = await reasonsFor(role, Response.json(body));
  return res.text();
}

describe("reasonsFor: reasons masked or shown, message contents byte-exact", () => {
  it("an editor reads the reason plain and the contents exactly", async () => {
    const text = await answer("editor", { reason, message: messageContents(message) });
    expect(JSON.parse(text)).toEqual({ reason: "rule 1 (cast): n: cannot cast string secret to number", message });
  });

  it("a viewer reads the reason masked, the contents unharmed, and no stand-in anywhere", async () => {
    const text = await answer("viewer", { reason, message: messageContents(message) });
    expect(JSON.parse(text)).toEqual({ reason: `rule 1 (cast): n: cannot cast string ${HIDDEN_VALUE} to number`, message });
    expect(text).not.toContain("secret");
    expect(text).not.toMatch(/[\uE000\uE001]/);
    expect(text).not.toContain(CONTENTS_MARKS.open.slice(1, -1));
  });

  it("restores the contents also when the answer holds no reason", async () => {
    for (const role of ["admin", null] as const) {
      const text = await answer(role, { message: messageContents(message) });
      expect(text).not.toMatch(/[\u2068\u2069\uE000\uE001]/);
      expect(JSON.parse(text)).toEqual({ message });
    }
  });
});
