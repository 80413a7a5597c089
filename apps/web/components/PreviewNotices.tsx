"use client";

import { useState } from "react";
import type { SessionRole } from "@umbra/protocol";
import { Dismissible } from "./Dismissible";

/** What the last command (an import, an export, a keyframe capture) came to: news, or why it did nothing. */
export interface ActionOutcome {
  tone: "problem" | "notice";
  text: string;
}

/**
 * What stands over the preview: the connections' problems while they last, the last
 * command's outcome until dismissed, and the owner's change of your role until dismissed.
 */
export function PreviewNotices({
  problems,
  outcome,
  onDismissOutcome,
  roleChange,
}: {
  problems: readonly (string | null)[];
  outcome: ActionOutcome | null;
  onDismissOutcome: () => void;
  roleChange: SessionRole | null;
}) {
  const [dismissedRole, setDismissedRole] = useState<SessionRole | null>(null);
  return (
    <>
      {problems.filter(Boolean).map((message) => (
        <p key={message} role="alert" className="rounded-lg border border-rose-900 bg-rose-950/40 px-3 py-2 text-sm text-rose-300">
          {message}
        </p>
      ))}
      {outcome && (
        <Dismissible tone={outcome.tone} onDismiss={onDismissOutcome}>
          {outcome.text}
        </Dismissible>
      )}
      {roleChange && roleChange !== dismissedRole && (
        <Dismissible tone="notice" onDismiss={() => setDismissedRole(roleChange)}>
          {roleChange.message}
        </Dismissible>
      )}
    </>
  );
}
