"use client";

import { useState } from "react";
import { VERSION_LIMITS, type RoomVersion } from "@umbra/protocol";
import type { RoomHistory } from "@/lib/use-history";
import { useStudio } from "@/lib/studio-context";
import { counted, versionLabel, versionPresenceLabel, versionTime } from "@/lib/version-label";
import { VersionDiff } from "./VersionDiff";

const KIND_NAMES: Record<RoomVersion["kind"], string> = { auto: "Autosaved", named: "Named", "before-restore": "Before a restore", "before-import": "Before an import" };
const small = "rounded-md border border-ink-600 px-2 py-0.5 text-[11px] text-ink-200 hover:bg-ink-800 disabled:opacity-40";

/** "Save version…": a name and a note for the room as it is now. */
function SaveVersionForm({ onSave }: { onSave: (name: string, note: string) => Promise<string | null> }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} className="self-start rounded-lg bg-accent-500 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-400">
        Save version…
      </button>
    );
  }
  return (
    <form
      className="flex flex-col gap-2 rounded-xl border border-ink-700 p-3"
      aria-label="Save a version"
      onSubmit={(event) => {
        event.preventDefault();
        setBusy(true);
        void onSave(name, note).then((problem) => {
          setBusy(false);
          if (problem !== null) return;
          setName("");
          setNote("");
          setOpen(false);
        });
      }}
    >
      <label className="flex flex-col gap-1 text-xs text-ink-400">
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={VERSION_LIMITS.nameLength} required autoFocus placeholder="Tuesday's cut" className="rounded-md border border-ink-700 bg-ink-950 px-2 py-1 text-sm text-ink-100" />
      </label>
      <label className="flex flex-col gap-1 text-xs text-ink-400">
        Note (optional)
        <textarea value={note} onChange={(e) => setNote(e.target.value)} maxLength={VERSION_LIMITS.noteLength} rows={2} className="rounded-md border border-ink-700 bg-ink-950 px-2 py-1 text-sm text-ink-100" />
      </label>
      <div className="flex gap-2">
        <button type="submit" disabled={busy || !name.trim()} className="rounded-md bg-accent-500 px-3 py-1 text-xs font-medium text-white hover:bg-accent-400 disabled:opacity-40">
          Save
        </button>
        <button type="button" onClick={() => setOpen(false)} className={small}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The chains of the version previewed, each to bring back into the room in place of today's, or as a copy beside it. */
function VersionChains({ history, version, canEdit }: { history: RoomHistory; version: RoomVersion; canEdit: boolean }) {
  const chains = history.previewing?.version.id === version.id ? history.previewing.content.chains : null;
  if (!chains) return null;
  return (
    <ul className="flex flex-col gap-1 border-t border-ink-800 pt-2" aria-label={`Chains of ${versionLabel(version)}`}>
      {chains.length === 0 && <li className="text-[11px] text-ink-400">No chains in this version.</li>}
      {chains.map((chain) => (
        <li key={chain.id} className="flex flex-wrap items-center gap-2 text-xs text-ink-200">
          <span aria-hidden className="h-2 w-2 rounded-full" style={{ backgroundColor: chain.color }} />
          <span className="min-w-0 flex-1 truncate">
            {chain.name} <span className="text-ink-500">· {counted(chain.keyframes.length, "keyframe")}</span>
          </span>
          {canEdit && (
            <>
              <button type="button" className={small} onClick={() => void history.restoreChain(version, chain.id, "replace")} title="Today's chain becomes this one; notes on its keyframes stay attached">
                Restore chain
              </button>
              <button type="button" className={small} onClick={() => void history.restoreChain(version, chain.id, "copy")} title="A new chain, a copy of this one, beside today's">
                Copy as new
              </button>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

function VersionEntry({ history, version, canEdit, isOwner }: { history: RoomHistory; version: RoomVersion; canEdit: boolean; isOwner: boolean }) {
  const shown = history.previewing?.version.id === version.id;
  const { summary } = version;
  const people = version.savedBy ? [version.savedBy, ...version.contributors.filter((c) => c.name !== version.savedBy?.name)] : version.contributors;
  return (
    <li className={`flex flex-col gap-1.5 rounded-xl border p-2.5 ${shown ? "border-amber-500/70 bg-amber-500/5" : "border-ink-800"}`} data-testid="version-entry">
      <div className="flex items-baseline gap-2">
        <span className="min-w-0 flex-1 truncate text-sm font-medium text-white">{versionLabel(version)}</span>
        <span className="shrink-0 rounded-full bg-ink-800 px-2 py-0.5 text-[10px] uppercase tracking-wide text-ink-300">{KIND_NAMES[version.kind]}</span>
      </div>
      <p className="text-[11px] text-ink-400">
        {versionTime(version)}
        {people.length > 0 && ` · ${people.map((p) => p.name).join(", ")}`}
      </p>
      {version.note && <p className="whitespace-pre-wrap break-words text-xs text-ink-200">{version.note}</p>}
      <p className="text-[11px] text-ink-300">
        {counted(summary.chains, "chain")} · {counted(summary.keyframes, "keyframe")} · {counted(summary.frames, "frame")} · <span className="text-ink-400">{summary.text}</span>
      </p>
      <div className="flex flex-wrap gap-1.5">
        <button type="button" className={small} aria-pressed={shown} onClick={() => (shown ? history.stopPreview() : void history.preview(version))}>
          {shown ? "Back to now" : "Preview"}
        </button>
        <button type="button" className={small} onClick={() => void history.compare(version, "now")}>
          Compare with now
        </button>
        {history.previewing && !shown && (
          <button type="button" className={small} onClick={() => void history.compare(version, history.previewing!.version)} title={`Compare with ${versionPresenceLabel(history.previewing.version)}`}>
            Compare with viewed
          </button>
        )}
        {canEdit && (
          <button type="button" className={small} onClick={() => history.askRestore(version)}>
            Restore…
          </button>
        )}
        {isOwner && version.kind === "named" && (
          <button type="button" className={`${small} hover:border-rose-500 hover:text-rose-200`} onClick={() => void history.remove(version)}>
            Delete
          </button>
        )}
      </div>
      {shown && <VersionChains history={history} version={version} canEdit={canEdit} />}
    </li>
  );
}

/**
 * History: the room's versions, newest first (all, or named only, and a search),
 * each to preview read-only, restore, or take single chains from; "Save version…"
 * for editors, and deleting named versions for the owner.
 */
export function HistoryPanel({ history, canEdit, isOwner, onClose }: { history: RoomHistory; canEdit: boolean; isOwner: boolean; onClose: () => void }) {
  const { versions, query, more, error, problem } = history;
  // What the studio shows is the later of two versions compared: a version previewed, or the room now.
  const { doc } = useStudio();
  return (
    <section className="flex flex-col gap-3" aria-label="History" data-testid="history-panel">
      <div className="flex items-center gap-2">
        <h2 className="flex-1 text-sm font-semibold text-white">History</h2>
        <button type="button" onClick={onClose} className="rounded-md px-2 py-0.5 text-sm text-ink-300 hover:bg-ink-800 hover:text-white" aria-label="Close History">
          ×
        </button>
      </div>
      {history.comparing && <VersionDiff comparing={history.comparing} laterChains={doc.chains} onLayout={history.setLayout} onStop={history.stopCompare} />}
      {canEdit && <SaveVersionForm onSave={history.save} />}
      <div className="flex flex-wrap items-center gap-2">
        <div role="group" aria-label="Which versions" className="flex rounded-lg border border-ink-700 p-0.5 text-xs">
          {(["All", "Named"] as const).map((label) => (
            <button
              key={label}
              type="button"
              aria-pressed={query.named === (label === "Named")}
              onClick={() => history.setQuery({ ...query, named: label === "Named" })}
              className={`rounded-md px-2.5 py-0.5 ${query.named === (label === "Named") ? "bg-ink-700 text-white" : "text-ink-400 hover:text-ink-200"}`}
            >
              {label}
            </button>
          ))}
        </div>
        <input
          type="search"
          value={query.search}
          onChange={(e) => history.setQuery({ ...query, search: e.target.value })}
          maxLength={VERSION_LIMITS.searchLength}
          placeholder="Search names, notes, people"
          aria-label="Search the versions"
          className="min-w-0 flex-1 rounded-md border border-ink-700 bg-ink-950 px-2 py-1 text-xs text-ink-100 placeholder:text-ink-500"
        />
      </div>
      {(problem ?? error) && (
        <p role="alert" className="text-xs text-rose-300">
          {problem ?? error}
        </p>
      )}
      {versions.length === 0 ? (
        <p className="text-xs text-ink-400">{query.named || query.search ? "No versions match." : "No versions yet. One is kept by itself after a pause in editing; editors can save one with a name."}</p>
      ) : (
        <ul className="flex flex-col gap-2" aria-label="Versions of this room">
          {versions.map((version) => (
            <VersionEntry key={version.id} history={history} version={version} canEdit={canEdit} isOwner={isOwner} />
          ))}
        </ul>
      )}
      {more && (
        <button type="button" className={`${small} self-center`} onClick={history.loadMore}>
          Older versions
        </button>
      )}
    </section>
  );
}
