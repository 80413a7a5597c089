"use client";

import { usePlayheadValue, useStudio } from "@/lib/studio-context";
import { ChainExchange } from "./ChainExchange";
import { ChainList } from "./ChainList";

/** The Chains tab: the room's chains (pick, add, rename, duplicate, delete) and their files in and out. */
export function ChainsTab() {
  const { doc, canEdit, playhead, newChainOptions, room, model, overrides, importFile, setActionProblem } = useStudio();
  const chain = usePlayheadValue((s) => s.chain);
  return (
    <>
      <ChainList
        chains={doc.chains}
        activeId={chain?.id ?? null}
        canEdit={canEdit}
        onSelect={(id) => playhead.selectChain(id)}
        onCreate={() => {
          const id = doc.room?.addChain(newChainOptions);
          if (id) playhead.selectChain(id);
        }}
        onRename={(id, name) => doc.room?.renameChain(id, name)}
        onDuplicate={(id) => doc.room?.duplicateChain(id)}
        onDelete={(id) => doc.room?.deleteChain(id)}
      />
      <ChainExchange chain={chain} model={room.model} latentSize={model.latentSize} overrides={overrides} canEdit={canEdit} onImportFile={importFile} onProblem={setActionProblem} />
    </>
  );
}
