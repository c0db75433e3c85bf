/** The wizard's steps in order; their names are the catalogue's `wizard.steps.<id>`. */
export const STEPS = [{ id: "source" }, { id: "parse" }, { id: "rules" }, { id: "target" }, { id: "failure" }, { id: "review" }] as const;

export type StepId = (typeof STEPS)[number]["id"];

export const isStepId = (s: string | null | undefined): s is StepId => STEPS.some((x) => x.id === s);

/** Which step shows a field (a path in the draft: `name`, `source.topics`, `sink.index`, ...). */
export function stepOf(field: string): StepId {
  const head = field.split(".")[0];
  switch (head) {
    case "name":
    case "source":
      return "source";
    case "parse":
      return "parse";
    case "rules":
      return "rules";
    case "sink":
      return "target";
    case "failure":
    case "delivery":
      return "failure";
    default:
      return "review";
  }
}
