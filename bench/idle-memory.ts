// An idle collab-server's resident memory, as `npm start` leaves it on a laptop: a
// first start on an empty data folder (initdb and every migration), then idle.
import { createScratchTarget, emptyPGliteTarget, type ScratchKind } from "@umbra/db/testing";
import { startCollabProcess } from "../tests/support/collab-process.js";
import { freePort } from "../tests/support/web-server.js";
import { rssMb } from "./process-stats.js";

const IDLE_S = 5;

export async function measureIdleRss(kind: ScratchKind): Promise<number> {
  // PGlite from an empty folder rather than the tests' pre-made template: initdb is part of a first start.
  const scratch = kind === "pglite" ? await emptyPGliteTarget() : await createScratchTarget(kind);
  const server = await startCollabProcess(scratch, await freePort());
  try {
    await new Promise((r) => setTimeout(r, IDLE_S * 1000));
    return rssMb(server.pid);
  } finally {
    await server.stop();
    await scratch.dispose();
  }
}
