/** Pretty-printed JSON in a scrollable block. */
export function JsonView({ value, testId }: { value: unknown; testId?: string }) {
  return <pre data-testid={testId}>{value === undefined ? "—" : JSON.stringify(value, null, 2)}</pre>;
}
