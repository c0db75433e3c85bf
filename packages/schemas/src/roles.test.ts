import { describe, expect, it } from "vitest";
import { roleAllows, roleOf } from "./roles";

describe("roles", () => {
  it("orders viewer < editor < admin", () => {
    expect(roleAllows("admin", "editor")).toBe(true);
    expect(roleAllows("editor", "editor")).toBe(true);
    expect(roleAllows("editor", "admin")).toBe(false);
    expect(roleAllows("viewer", "editor")).toBe(false);
    expect(roleAllows("viewer", "viewer")).toBe(true);
  });

  it("reads an unknown stored role as viewer", () => {
    expect(roleOf("admin")).toBe("admin");
    expect(roleOf("user")).toBe("viewer");
    expect(roleOf(null)).toBe("viewer");
  });
});
