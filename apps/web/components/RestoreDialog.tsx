"use client";

import { useState } from "react";
import type { RoomHistory } from "@/lib/use-history";
import { versionLabel } from "@/lib/version-label";
import { ConfirmDialog } from "./ConfirmDialog";

/** The yes before a restore: what happens to the room, for everyone, and why nothing is lost. */
export function RestoreDialog({ history }: { history: RoomHistory }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const version = history.confirming;
  if (!version) return null;
  return (
    <ConfirmDialog
      title={`Restore ${versionLabel(version)}?`}
      confirm="Restore it"
      busy={busy}
      error={error}
      onCancel={() => history.askRestore(null)}
      onConfirm={() => {
        setBusy(true);
        void history.restore(version).then((problem) => {
          setBusy(false);
          setError(problem);
        });
      }}
    >
      The room becomes what it was then, for everyone in it, at once. The room as it is now is kept in History first, and your Undo takes the restore back in one step.
    </ConfirmDialog>
  );
}
