"use client";

import type { PreviewedVersion } from "@/lib/use-history";
import { versionLabel, versionTime } from "@/lib/version-label";

/** Over the stage while a version is previewed: what you are looking at and by whom, and the ways back to now. */
export function HistoryBanner({ previewing, canRestore, onRestore, onBack }: { previewing: PreviewedVersion; canRestore: boolean; onRestore: () => void; onBack: () => void }) {
  const { version } = previewing;
  const by = version.savedBy ? `saved by ${version.savedBy.name}` : version.contributors.length ? `edited by ${version.contributors.map((c) => c.name).join(", ")}` : "kept automatically";
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-xl border border-amber-500/60 bg-amber-500/10 px-4 py-2 text-sm text-amber-100" role="status" data-testid="history-banner">
      <span>
        Viewing <strong className="font-semibold text-white">{versionLabel(version)}</strong> · {by} · {versionTime(version)}. Read-only: the room itself is unchanged.
      </span>
      <span className="ml-auto flex gap-2">
        {canRestore && (
          <button type="button" onClick={onRestore} className="rounded-md bg-amber-500 px-3 py-1 text-xs font-medium text-black hover:bg-amber-400">
            Restore this version
          </button>
        )}
        <button type="button" onClick={onBack} className="rounded-md border border-amber-500/60 px-3 py-1 text-xs text-amber-100 hover:bg-amber-500/20">
          Back to now
        </button>
      </span>
    </div>
  );
}
