/** A room member as mentions know them. */
export interface Mentionable {
  id: string;
  name: string;
}

/** The members whose "@name" appears in the text (the longest name wins): what the server is asked to notify. */
export function mentionsIn(text: string, members: Mentionable[]): string[] {
  const named = splitMentions(text, members.map((m) => m.name)).filter((run) => run.mention);
  return [...new Set(named.flatMap((run) => members.filter((m) => `@${m.name}` === run.text).map((m) => m.id)))];
}

/** The "@…" being typed just before the caret, if any (names may hold spaces): what autocomplete matches. */
export function mentionQuery(text: string, caret: number): string | null {
  const match = /(?:^|\s)@([^\n@]{0,60})$/.exec(text.slice(0, caret));
  return match ? match[1]! : null;
}

/** The text split into plain runs and "@name" runs of the members given. */
export function splitMentions(text: string, names: string[]): { text: string; mention: boolean }[] {
  const wanted = [...new Set(names)].filter(Boolean).sort((a, b) => b.length - a.length);
  if (wanted.length === 0) return [{ text, mention: false }];
  const escaped = wanted.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const parts = text.split(new RegExp(`(@(?:${escaped.join("|")}))`, "g"));
  return parts.filter((p) => p !== "").map((p) => ({ text: p, mention: p.startsWith("@") && wanted.includes(p.slice(1)) }));
}
