"use client";

import type { ReactNode } from "react";

export interface SidePanelTab {
  id: string;
  label: string;
  content: ReactNode;
}

/** The studio's right-hand panel: one tab's section at a time, scrolling inside the panel. Opening a note switches to its tab. */
export function SidePanel({ tabs, tab, onTab }: { tabs: SidePanelTab[]; tab: string; onTab: (id: string) => void }) {
  const active = tabs.find((t) => t.id === tab) ?? tabs[0]!;
  return (
    <aside className="flex min-h-0 w-80 shrink-0 flex-col border-l border-ink-800 bg-ink-900/50 xl:w-96" aria-label="Side panel">
      {/* Six tabs fit one row in the 20rem panel (1024 px windows) only a little tighter than at xl, where
          the text is larger; a label that grows ("Export •") scrolls the row rather than hiding a tab. */}
      <div role="tablist" aria-label="Panels" className="flex shrink-0 gap-0.5 overflow-x-auto border-b border-ink-800 px-1 pt-2 xl:gap-1 xl:px-2">
        {tabs.map((each) => (
          <button
            key={each.id}
            type="button"
            role="tab"
            id={`tab-${each.id}`}
            aria-selected={each.id === active.id}
            aria-controls={`panel-${each.id}`}
            onClick={() => onTab(each.id)}
            className={`whitespace-nowrap rounded-t-md px-1.5 py-1.5 text-[11px] font-medium xl:px-2 xl:text-xs ${each.id === active.id ? "bg-ink-800 text-white" : "text-ink-400 hover:text-ink-200"}`}
          >
            {each.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${active.id}`} aria-labelledby={`tab-${active.id}`} className="flex min-h-0 flex-1 flex-col gap-4 overflow-y-auto p-3">
        {active.content}
      </div>
    </aside>
  );
}
