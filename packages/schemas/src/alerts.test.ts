import { describe, expect, it } from "vitest";
import { ALERT_DEFAULTS } from "./alerts";
import { issuesFromZod } from "./errors";
import { TaskConfig } from "./task-config";

const saved = { source: { connectionId: "k", topics: ["t"] }, sink: { connectionId: "e", index: "i" } };

describe("a task's alert rules", () => {
  it("a config saved before alerts existed parses, with the defaults every new task gets", () => {
    expect(TaskConfig.parse(saved).alerts).toEqual(ALERT_DEFAULTS);
  });

  it("a partial section keeps the defaults of the rules it leaves out", () => {
    const alerts = TaskConfig.parse({ ...saved, alerts: { lagAbove: { messages: 50 }, stalled: { enabled: false }, webhookIds: ["w1"] } }).alerts;
    expect(alerts).toEqual({ ...ALERT_DEFAULTS, lagAbove: { enabled: true, messages: 50 }, stalled: { enabled: false, minutes: 10 }, webhookIds: ["w1"] });
  });

  it("bad values are refused naming the field and the reason", () => {
    const r = TaskConfig.safeParse({
      ...saved,
      alerts: { retrying: { enabled: true, minutes: 0 }, stalled: { enabled: "yes", minutes: 90 }, lagAbove: { messages: "lots" } },
    });
    expect(r.success).toBe(false);
    const issues = r.success ? [] : issuesFromZod(r.error);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: "alerts.retrying.minutes", message: "At least 1 minute" }),
        expect.objectContaining({ field: "alerts.stalled.enabled", message: "Expected true or false" }),
        expect.objectContaining({ field: "alerts.stalled.minutes", message: "At most 60 minutes" }),
        expect.objectContaining({ field: "alerts.lagAbove.messages", message: "Expected a whole number of messages" }),
      ]),
    );
  });
});
