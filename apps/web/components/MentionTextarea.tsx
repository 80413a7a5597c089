"use client";

import { forwardRef, useState } from "react";
import { COMMENT_LIMITS } from "@umbra/protocol";
import { mentionQuery, type Mentionable } from "@/lib/mentions";

/**
 * A comment box: Enter sends (Shift+Enter for a new line), Esc cancels, and "@"
 * offers the room's members to mention; Tab or Enter takes the first offered.
 */
export const MentionTextarea = forwardRef<
  HTMLTextAreaElement,
  { label: string; value: string; members: Mentionable[]; placeholder: string; onChange: (text: string) => void; onSubmit: () => void; onCancel?: () => void }
>(function MentionTextarea({ label, value, members, placeholder, onChange, onSubmit, onCancel }, ref) {
  const [caret, setCaret] = useState(0);
  const query = mentionQuery(value, caret);
  const offered = query === null ? [] : members.filter((m) => m.name.toLowerCase().startsWith(query.toLowerCase())).slice(0, 6);
  const take = (member: Mentionable) => {
    const before = value.slice(0, caret).replace(/@[^\n@]*$/, `@${member.name} `);
    onChange(before + value.slice(caret));
    setCaret(before.length);
  };
  return (
    <div className="relative">
      <textarea
        ref={ref}
        aria-label={label}
        value={value}
        rows={3}
        maxLength={COMMENT_LIMITS.bodyLength}
        placeholder={placeholder}
        onChange={(event) => {
          onChange(event.target.value);
          setCaret(event.target.selectionStart);
        }}
        onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
        onKeyDown={(event) => {
          if (offered.length > 0 && (event.key === "Tab" || event.key === "Enter")) {
            event.preventDefault();
            take(offered[0]!);
          } else if (event.key === "Enter" && !event.shiftKey) {
            event.preventDefault();
            onSubmit();
          } else if (event.key === "Escape" && onCancel) {
            event.preventDefault();
            event.stopPropagation();
            onCancel();
          }
        }}
        className="w-full resize-none rounded-lg border border-ink-600 bg-ink-950 px-2 py-1.5 text-sm text-white placeholder:text-ink-500 focus:border-accent-500 focus:outline-none"
      />
      {offered.length > 0 && (
        <ul role="listbox" aria-label="Mention someone" className="absolute bottom-full left-0 z-40 mb-1 w-56 rounded-lg border border-ink-700 bg-ink-900 py-1 shadow-xl">
          {offered.map((member, i) => (
            <li key={member.id} role="option" aria-selected={i === 0}>
              <button type="button" onMouseDown={(event) => event.preventDefault()} onClick={() => take(member)} className={`w-full px-3 py-1 text-left text-sm ${i === 0 ? "bg-ink-800 text-white" : "text-ink-300"}`}>
                @{member.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
