"use client";

/** A small select of one among named things, or none ("" is `none`'s value). */
export function PickOne({
  label,
  value,
  none,
  options,
  onChange,
  className,
}: {
  label: string;
  value: string;
  none: string;
  options: { id: string; name: string }[];
  onChange: (id: string) => void;
  className: string;
}) {
  return (
    <select className={className} value={value} onChange={(e) => onChange(e.target.value)} aria-label={label}>
      <option value="">{none}</option>
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </select>
  );
}
