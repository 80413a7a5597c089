"use client";

import { useState } from "react";
import { MAX_LABEL_LENGTH, chainFrameCount, type Chain } from "@umbra/doc";
import { ConfirmDialog } from "./ConfirmDialog";

const action = "rounded px-1 text-[11px] text-ink-400 hover:text-white focus-visible:text-white";

/**
 * The room's chains: pick one; editors create, rename, duplicate and delete
 * (after a confirmation that says what goes). The active chain's commands always
 * show, and every chain's show on hover or keyboard focus.
 */
export function ChainList({
  chains,
  activeId,
  canEdit,
  onSelect,
  onCreate,
  onRename,
  onDuplicate,
  onDelete,
}: {
  chains: Chain[];
  activeId: string | null;
  canEdit: boolean;
  onSelect: (id: string) => void;
  onCreate: () => void;
  onRename: (id: string, name: string) => void;
  onDuplicate: (id: string) => void;
  onDelete: (id: string) => void;
}) {
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Chain | null>(null);
  return (
    <section className="flex flex-col gap-2" aria-label="Chains" data-testid="chains">
      <div className="flex items-center justify-between">
        <h2 className="text-xs font-medium uppercase tracking-wider text-ink-400">Chains</h2>
        {canEdit && (
          <button type="button" onClick={onCreate} className="rounded-md border border-ink-600 px-2 py-0.5 text-xs text-ink-200 hover:border-accent-500 hover:text-white">
            New chain
          </button>
        )}
      </div>
      {chains.length === 0 && <p className="text-xs text-ink-400">{canEdit ? "No chains yet: make one, then add keyframes." : "No chains yet."}</p>}
      <ul className="flex flex-col gap-1">
        {chains.map((chain) => (
          <li key={chain.id} className={`group flex items-center gap-2 rounded-lg px-2 py-1.5 text-sm ${chain.id === activeId ? "bg-ink-800 text-white" : "text-ink-300 hover:bg-ink-800/60"}`}>
            <span aria-hidden className="h-2.5 w-2.5 shrink-0 rounded-full" style={{ backgroundColor: chain.color }} />
            {/* The name above its length, so a narrow panel keeps room for the name beside the commands. */}
            <div className="flex min-w-0 flex-1 flex-col">
              {renaming === chain.id ? (
                <input
                  autoFocus
                  defaultValue={chain.name}
                  aria-label="Chain name"
                  maxLength={MAX_LABEL_LENGTH}
                  className="min-w-0 rounded bg-ink-950 px-1 text-sm text-white"
                  onBlur={() => setRenaming(null)}
                  onKeyDown={(event) => {
                    if (event.key === "Escape") setRenaming(null);
                    if (event.key === "Enter" && event.currentTarget.value.trim()) {
                      onRename(chain.id, event.currentTarget.value);
                      setRenaming(null);
                    }
                  }}
                />
              ) : (
                <button type="button" className="min-w-0 truncate text-left" title={chain.name} onClick={() => onSelect(chain.id)} onDoubleClick={() => canEdit && setRenaming(chain.id)}>
                  {chain.name}
                </button>
              )}
              <span className="font-mono text-[10px] text-ink-400">
                {chainFrameCount(chain)}f · {chain.fps}fps
              </span>
            </div>
            {canEdit && renaming !== chain.id && (
              <span className={`shrink-0 gap-0.5 group-focus-within:flex group-hover:flex ${chain.id === activeId ? "flex" : "hidden"}`}>
                <button type="button" onClick={() => setRenaming(chain.id)} aria-label={`Rename ${chain.name}`} className={action}>
                  Rename
                </button>
                <button type="button" onClick={() => onDuplicate(chain.id)} aria-label={`Duplicate ${chain.name}`} className={action}>
                  Copy
                </button>
                <button type="button" onClick={() => setDeleting(chain)} aria-label={`Delete ${chain.name}`} className={`${action} hover:text-rose-400`}>
                  Delete
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {deleting && (
        <ConfirmDialog
          title={`Delete ${deleting.name}?`}
          confirm="Delete chain"
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            onDelete(deleting.id);
            setDeleting(null);
          }}
        >
          Its {deleting.keyframes.length} {deleting.keyframes.length === 1 ? "keyframe" : "keyframes"} and {chainFrameCount(deleting)} frames go for everyone in the room. You can bring it back
          with Undo (Ctrl/⌘ + Z) until you leave the room.
        </ConfirmDialog>
      )}
    </section>
  );
}
