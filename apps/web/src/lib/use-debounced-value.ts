"use client";

import { useEffect, useState } from "react";

/** `value`, but only once it has stopped changing for `ms` (compared by JSON, so fresh objects do not restart the wait). */
export function useDebouncedValue<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  const key = JSON.stringify(value);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the JSON of value on purpose
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [key, ms]);
  return settled;
}
