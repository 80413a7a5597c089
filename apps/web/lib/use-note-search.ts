"use client";

import { useEffect, useState } from "react";

/** How long typing pauses before the search is asked: one question per word, not per key. */
const PAUSE_MS = 250;

/**
 * A text search of the room's notes, asked of the server once typing pauses: the ids
 * of the notes that match (null while there is no text), and whether there were more
 * than one answer holds. An answer to older text than what is typed now is dropped.
 */
export function useNoteSearch(search: (text: string) => Promise<{ ids: string[]; more: boolean } | null>) {
  const [text, setText] = useState("");
  const [found, setFound] = useState<{ text: string; ids: Set<string>; more: boolean } | null>(null);
  const wanted = text.trim();
  useEffect(() => {
    if (!wanted) return;
    let current = true;
    const timer = setTimeout(() => {
      void search(wanted).then((answer) => {
        if (current && answer) setFound({ text: wanted, ids: new Set(answer.ids), more: answer.more });
      });
    }, PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [wanted, search]);
  const shown = wanted && found?.text === wanted ? found : null;
  return { text, setText, ids: wanted ? (shown?.ids ?? null) : null, more: shown?.more ?? false };
}
