/** Pretty-printed JSON in a scrollable block, reachable by keyboard so that it can be scrolled without a mouse. */
export function JsonView({ value, testId }: { value: unknown; testId?: string }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to be scrolled by keyboard (WCAG 2.1.1)
    <pre data-testid={testId} tabIndex={0}>
      {value === undefined ? "—" : JSON.stringify(value, null, 2)}
    </pre>
  );
}
