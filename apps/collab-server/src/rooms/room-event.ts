import type { Namespace, Socket } from "socket.io";
import type { z } from "zod";
import { failure, validate, type ErrorInfo, type RoomClientToServerEvents, type RoomServerToClientEvents } from "@umbra/protocol";

/** The browsers' /rooms namespace and one browser's socket on it, typed by the wire's event tables. */
export type RoomNamespace = Namespace<RoomClientToServerEvents, RoomServerToClientEvents>;
export type RoomSocket = Socket<RoomClientToServerEvents, RoomServerToClientEvents>;

export type RoomEventAnswer = ({ ok: true } & Record<string, unknown>) | { ok: false; error: ErrorInfo };

export interface RoomEventRules {
  /** For logs: "comments", "exports". */
  area: string;
  /** Checked before a change (in the room, the role, budgets): null to go ahead, or the refusal. */
  mayChange: () => { ok: false; error: ErrorInfo } | null | Promise<{ ok: false; error: ErrorInfo } | null>;
  /** A refusal the area throws on purpose, as its answer; null for anything else, which is logged. */
  refusal: (error: unknown) => { ok: false; error: ErrorInfo } | null;
  log: (line: string) => void;
}

/**
 * One room socket event with an acknowledgement: validated by its schema, checked
 * when it changes something, run, and answered with the result or a refusal a
 * person can read. An event sent without an acknowledgement is ignored.
 */
export function roomEventHandler(rules: RoomEventRules) {
  return <S extends z.ZodType>(event: string, schema: S, changes: boolean, run: (input: z.infer<S>) => Promise<RoomEventAnswer>) =>
    (payload: unknown, ack: unknown) => {
      if (typeof ack !== "function") return;
      const answer = ack as (result: RoomEventAnswer) => void;
      const input = validate(schema, payload, event);
      if (!input.ok) return answer(input);
      const go = async () => {
        const refused = changes ? await rules.mayChange() : null;
        return refused ?? (await run(input.value));
      };
      go().then(answer, (error: unknown) => {
        const known = rules.refusal(error);
        if (known) return answer(known);
        rules.log(`${rules.area}: ${event} failed: ${error instanceof Error ? error.message : String(error)}`);
        answer(failure("INTERNAL", `could not do that (${event}); the server logged why`));
      });
    };
}
