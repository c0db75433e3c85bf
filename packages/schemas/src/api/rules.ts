import { z } from "zod";
import { Rule } from "../rules";
import { Parse } from "../task-config";

/** A task's parse settings and rule chain as a portable, versioned document (export from one task, import into another). */
export const RulesDocument = z.strictObject({
  outflow: z.literal("rules", { error: 'Not an Outflow rules document: "outflow" must be "rules"' }),
  version: z.literal(1, { error: "Unsupported version: this Outflow reads rules documents of version 1" }),
  name: z.string().max(200).optional(),
  exportedAt: z.string().optional(),
  parse: Parse.optional(),
  rules: z.array(Rule).max(100, "At most 100 rules"),
});
export type RulesDocument = z.infer<typeof RulesDocument>;
