"use client";

import { useEffect, useState } from "react";

/**
 * A number that takes effect on Enter or when the field loses focus. A value
 * `check` refuses stays in the field, marked, with its reason told through
 * `onProblem`; Esc puts back the current value. An empty field means "none"
 * where `placeholder` says what none means.
 */
export function NumberField({
  label,
  value,
  check,
  onCommit,
  onProblem,
  disabled,
  prefix,
  suffix,
  placeholder,
  step = 1,
  wide = false,
}: {
  label: string;
  value: number | null;
  check: (n: number) => string | null;
  onCommit: (n: number | null) => void;
  onProblem: (problem: string | null) => void;
  disabled: boolean;
  prefix?: string;
  suffix?: string;
  placeholder?: string;
  step?: number;
  /** Room for a longer placeholder. */
  wide?: boolean;
}) {
  const shown = value === null ? "" : String(value);
  const [text, setText] = useState(shown);
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    setText(shown);
    setInvalid(false);
  }, [shown]);

  const commit = () => {
    const trimmed = text.trim();
    if (trimmed === shown) return;
    if (trimmed === "" && placeholder !== undefined) {
      onProblem(null);
      onCommit(null);
      return;
    }
    const n = Number(trimmed);
    const problem = trimmed === "" || !Number.isFinite(n) ? "Type a number." : check(n);
    setInvalid(problem !== null);
    onProblem(problem);
    if (problem === null) onCommit(n);
  };
  return (
    <label className="flex items-center gap-1">
      {prefix && <span aria-hidden>{prefix}</span>}
      <input
        type="number"
        aria-label={label}
        aria-invalid={invalid}
        step={step}
        value={text}
        placeholder={placeholder}
        disabled={disabled}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === "Enter") commit();
          if (event.key === "Escape") {
            setText(shown);
            setInvalid(false);
            onProblem(null);
          }
        }}
        className={`${wide ? "w-20" : "w-16"} rounded bg-ink-950 px-1 py-0.5 text-right font-mono text-xs text-white placeholder:text-ink-500 disabled:opacity-60 aria-[invalid=true]:outline aria-[invalid=true]:outline-1 aria-[invalid=true]:outline-rose-500`}
      />
      {suffix && <span aria-hidden>{suffix}</span>}
    </label>
  );
}
