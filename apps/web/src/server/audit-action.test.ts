import { describe, expect, it } from "vitest";
import { auditActionOf } from "./audit-action";

describe("auditActionOf", () => {
  it("names actions by collection and verb", () => {
    expect(auditActionOf("POST", "/api/tasks/t1/start")).toEqual({ action: "task.start", targetType: "task", targetId: "t1" });
    expect(auditActionOf("POST", "/api/tasks/t1/reset-offsets")).toEqual({ action: "task.reset-offsets", targetType: "task", targetId: "t1" });
    expect(auditActionOf("PATCH", "/api/connections/c1")).toEqual({ action: "connection.update", targetType: "connection", targetId: "c1" });
    expect(auditActionOf("DELETE", "/api/tokens/k1")).toEqual({ action: "token.delete", targetType: "token", targetId: "k1" });
    expect(auditActionOf("POST", "/api/users", "u1")).toEqual({ action: "user.create", targetType: "user", targetId: "u1" });
    expect(auditActionOf("POST", "/api/tasks/t1/versions/3/restore")).toEqual({ action: "task.versions.restore", targetType: "task", targetId: "t1" });
    expect(auditActionOf("POST", "/api/tasks/t1/held/skip")).toEqual({ action: "task.held.skip", targetType: "task", targetId: "t1" });
    expect(auditActionOf("POST", "/api/tasks/t1/held/retry")).toEqual({ action: "task.held.retry", targetType: "task", targetId: "t1" });
    expect(auditActionOf("POST", "/api/setup", "u2")).toEqual({ action: "setup.create", targetType: "setup", targetId: "u2" });
  });
});
