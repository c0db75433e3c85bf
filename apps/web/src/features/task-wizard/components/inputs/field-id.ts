/** A stable DOM id for the input of a draft path. */
export const fieldId = (path: string) => `wf-${path.replace(/[^A-Za-z0-9]+/g, "-")}`;
