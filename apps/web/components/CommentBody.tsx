import { splitMentions } from "@/lib/mentions";

/** A comment's text as text (never markup), with its mentions marked; yours stand out. */
export function CommentBody({ body, mentionNames, myName }: { body: string; mentionNames: string[]; myName: string }) {
  return (
    <p className="whitespace-pre-wrap break-words text-sm text-ink-200">
      {splitMentions(body, mentionNames).map((run, i) =>
        run.mention ? (
          <mark key={i} data-testid={run.text === `@${myName}` ? "mention-of-me" : undefined} className={`rounded px-0.5 ${run.text === `@${myName}` ? "bg-amber-400/30 text-amber-100" : "bg-accent-500/20 text-accent-200"}`}>
            {run.text}
          </mark>
        ) : (
          <span key={i}>{run.text}</span>
        ),
      )}
    </p>
  );
}
