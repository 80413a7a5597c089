"use client";

import { useEffect, useState } from "react";
import { repairNotice, type RepairRecord } from "@umbra/doc";

/** Remembers, per browser, which repair notices an owner has dismissed. */
const dismissedKey = (roomId: string, record: RepairRecord) => `umbra:repair-notice:${roomId}:${record.at}`;

/**
 * What the studio could not take from the room document as it is: owners see once
 * that collab-server repaired the room, and everyone sees entries this studio skipped.
 */
export function DocumentNotices({ roomId, isOwner, repair, skipped }: { roomId: string; isOwner: boolean; repair: RepairRecord | null; skipped: readonly string[] }) {
  const [dismissed, setDismissed] = useState(true);
  useEffect(() => {
    setDismissed(repair === null || localStorage.getItem(dismissedKey(roomId, repair)) !== null);
  }, [roomId, repair]);

  return (
    <>
      {isOwner && repair && !dismissed && (
        <div role="status" data-testid="repair-notice" className="flex items-start gap-3 rounded-lg border border-amber-800 bg-amber-950/40 p-3 text-sm text-amber-200">
          <span>{repairNotice(repair)} The server log lists each change.</span>
          <button
            type="button"
            className="ml-auto rounded-md px-2 py-0.5 text-amber-100 hover:bg-amber-900"
            onClick={() => {
              localStorage.setItem(dismissedKey(roomId, repair), "1");
              setDismissed(true);
            }}
          >
            Dismiss
          </button>
        </div>
      )}
      {skipped.length > 0 && (
        <details data-testid="skipped-notice" className="rounded-lg border border-amber-800 bg-amber-950/40 p-3 text-sm text-amber-200">
          <summary className="cursor-pointer">
            {skipped.length === 1 ? "1 entry" : `${skipped.length} entries`} of this room could not be read as stored, and {skipped.length === 1 ? "is" : "are"} skipped or
            corrected here.
          </summary>
          <ul className="mt-2 list-disc space-y-1 pl-5 font-mono text-xs text-amber-100/80">
            {skipped.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
