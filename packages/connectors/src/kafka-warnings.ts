process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= "1";

// kafkajs 2.2.4 computes some timer delays as negative numbers (tulios/kafkajs#1751); Node clamps them to 1 ms as
// it always did, but since Node 23 it also prints a TimeoutNegativeWarning each time. Hide only that warning.
const g = globalThis as unknown as { __outflowWarningFilter?: boolean };
if (!g.__outflowWarningFilter) {
  g.__outflowWarningFilter = true;
  const previous = process.listeners("warning");
  process.removeAllListeners("warning");
  process.on("warning", (w) => {
    if (w.name !== "TimeoutNegativeWarning") {
      for (const l of previous) {
        l(w);
      }
    }
  });
}
