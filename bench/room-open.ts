// Opening a room in Chromium: from navigation until its chain shows on the timeline, on
// a room of one chain and no notes. Each open is a new browser context, as a first
// visit is: nothing cached.
import { RoomDoc } from "@umbra/doc";
import { startStudio } from "../tests/support/studio.js";
import { connectDoc } from "../tests/support/yjs-client.js";
import { percentile } from "./bench-results.js";

const OPENS = 7;
const FRAMES = 48;

export async function measureRoomOpen(): Promise<{ p50: number; opens: number[] }> {
  const studio = await startStudio({ kind: "pglite", open: true, withWorker: "process" });
  try {
    const room = await studio.stack.api.createRoom("open", { model: null });
    const editor = connectDoc(studio.stack.collab.url, room.id, await studio.stack.api.realtimeToken(room.id));
    await editor.synced;
    const doc = new RoomDoc(editor.doc);
    const chainId = doc.addChain();
    const first = doc.addKeyframe(chainId, { seed: 1 })!;
    doc.addKeyframe(chainId, { seed: 2 });
    doc.setTransition(chainId, first, { frames: FRAMES - 1 });
    editor.destroy();
    const opens: number[] = [];
    for (let n = 0; n < OPENS; n++) {
      const context = await studio.browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      const started = Date.now();
      await page.goto(`${studio.web.url}/rooms/${room.id}`, { waitUntil: "commit" });
      await page.getByTestId("frame-counter").getByText(`of ${FRAMES}`).waitFor({ timeout: 60_000 });
      opens.push(Date.now() - started);
      await context.close();
    }
    // The first open also warms the server's own caches (Next's compiled routes): it is left out.
    return { p50: percentile(opens.slice(1), 50), opens };
  } finally {
    await studio.close();
  }
}
