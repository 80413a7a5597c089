"use client";

import { useRef } from "react";
import type { Chain } from "@umbra/doc";
import type { FrameRecipe } from "@umbra/latent";
import { frameLatentsFile, marrowZipFile, umbraJsonFile } from "@/lib/chain-exchange";
import { useFrameNumbering } from "@/lib/frame-numbering";

/** Hands bytes to the browser as a download. */
function download({ name, bytes }: { name: string; bytes: Uint8Array }): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart]));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const button = "rounded-md border border-ink-600 px-2 py-0.5 text-xs text-ink-200 hover:border-accent-500 hover:text-white disabled:opacity-40";

/**
 * The active chain's latents out (Umbra's JSON, Marrow's animation folders, every
 * frame's latent), and chains in (a file chosen here, or dropped on the studio).
 */
export function ChainExchange({
  chain,
  model,
  latentSize,
  overrides,
  canEdit,
  onImportFile,
  onProblem,
}: {
  chain: Chain | null;
  model: string;
  latentSize: number;
  overrides: Partial<FrameRecipe>;
  canEdit: boolean;
  onImportFile: (file: File) => void;
  onProblem: (message: string | null) => void;
}) {
  const picker = useRef<HTMLInputElement>(null);
  const numbering = useFrameNumbering();
  const save = (make: () => { name: string; bytes: Uint8Array }) => {
    try {
      download(make());
      onProblem(null);
    } catch (error) {
      onProblem(`Could not export: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return (
    <section className="flex flex-col gap-2 border-t border-ink-800 pt-3" aria-label="Import and export" data-testid="chain-exchange">
      {chain && (
        <div className="flex flex-wrap items-center gap-1.5 text-xs text-ink-400">
          <span className="w-full">Export {chain.name}:</span>
          <button type="button" className={button} onClick={() => save(() => umbraJsonFile(chain, model))} title="Umbra's chain file: imports back exactly">
            Umbra JSON
          </button>
          <button type="button" className={button} disabled={chain.keyframes.length < 2} onClick={() => save(() => marrowZipFile(chain, latentSize))} title="One Marrow animation folder per transition">
            Marrow ZIP
          </button>
          <button type="button" className={button} disabled={chain.keyframes.length === 0} onClick={() => save(() => frameLatentsFile(chain, model, overrides, latentSize, numbering))} title="Every frame's latent as one .npy (frames × size), with ψ, snapshot and noise seed per frame">
            Frame latents
          </button>
        </div>
      )}
      {canEdit && (
        <div className="flex items-center gap-2 text-xs text-ink-400">
          <button type="button" className={button} onClick={() => picker.current?.click()}>
            Import…
          </button>
          <span>a chain file, a Marrow ZIP or an .npy; or drop one on the studio</span>
          <input
            ref={picker}
            type="file"
            accept=".json,.zip,.npy"
            aria-label="Import a chain"
            className="hidden"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) onImportFile(file);
              event.target.value = "";
            }}
          />
        </div>
      )}
    </section>
  );
}
