"use client";

import { useEffect, useMemo, useState, type ReactNode } from "react";

/** Rows drawn beyond the visible ones, so a quick scroll shows no blank. */
const OVERSCAN = 6;

/**
 * A list of fixed-height rows in its own scroll box, drawing only the rows in view:
 * ten thousand notes scroll as smoothly as ten. `onShown` hears the keys of the rows
 * drawn (again when the items change), so what they show can load.
 */
export function VirtualRows<T>({
  items,
  keyOf,
  rowHeight,
  maxHeight,
  render,
  onShown,
  label,
  testId,
}: {
  items: readonly T[];
  keyOf: (item: T) => string;
  rowHeight: number;
  maxHeight: number;
  render: (item: T) => ReactNode;
  onShown: (keys: string[]) => void;
  label?: string;
  testId?: string;
}) {
  const [scrollTop, setScrollTop] = useState(0);
  const height = Math.min(maxHeight, items.length * rowHeight);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  const shown = useMemo(() => items.slice(first, last), [items, first, last]);
  const shownKeys = shown.map(keyOf).join("\n");
  // Told again when the items change too (what a row shows may have been dropped meanwhile); the listener skips what it has.
  useEffect(() => {
    if (shownKeys) onShown(shownKeys.split("\n"));
  }, [shownKeys, items, onShown]);
  return (
    <div className="overflow-y-auto" style={{ height }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} data-testid={testId}>
      <ul aria-label={label} className="relative" style={{ height: items.length * rowHeight }}>
        {shown.map((item, i) => (
          <li key={keyOf(item)} className="absolute inset-x-0" style={{ top: (first + i) * rowHeight, height: rowHeight }}>
            {render(item)}
          </li>
        ))}
      </ul>
    </div>
  );
}
