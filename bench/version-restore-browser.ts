// Restoring a version in Chromium, with two people in a room of 20 chains × 50 keyframes:
// from the director's click on "Restore it" until the animator's studio shows the chain
// as it was. Between restores, someone deletes keyframes of that chain.
import type { Page } from "playwright-core";
import { RoomDoc, chainFrameCount } from "@umbra/doc";
import { asReturningVisitor } from "../tests/support/returning-visitor.js";
import { startStudio } from "../tests/support/studio.js";
import { connectDoc, eventually } from "../tests/support/yjs-client.js";
import { percentile } from "./bench-results.js";
import { VERSION_CHAINS, VERSION_KEYFRAMES } from "./versions.js";

const RESTORES = 4;

/**
 * Notes (Date.now(), shared by both pages on this machine) the frame in which the frame
 * counter first says the chain has `frames` frames. Strings, not functions: tsx would
 * wrap a function's inner names in a helper the page lacks.
 */
function armShownAt(page: Page, frames: number): Promise<void> {
  return page.evaluate(`(() => {
    delete window.restoredAt;
    new MutationObserver((_, observer) => {
      if (!document.querySelector('[data-testid="frame-counter"]')?.textContent?.includes("of ${frames}")) return;
      observer.disconnect();
      requestAnimationFrame(() => (window.restoredAt = Date.now()));
    }).observe(document, { subtree: true, childList: true, characterData: true });
  })()`);
}

/** Notes when the next click on "Restore it" happens. */
function armClickedAt(page: Page): Promise<void> {
  return page.evaluate(`(() => {
    delete window.clickedAt;
    const onClick = (event) => {
      if (event.target.closest("button")?.textContent !== "Restore it") return;
      window.clickedAt = Date.now();
      document.removeEventListener("click", onClick, { capture: true });
    };
    document.addEventListener("click", onClick, { capture: true });
  })()`);
}

export async function measureRestore(): Promise<{ p50: number; restores: number[] }> {
  const studio = await startStudio({ kind: "pglite", open: true, withWorker: false });
  try {
    const room = await studio.stack.api.createRoom("restores");
    const editor = connectDoc(studio.stack.collab.url, room.id, await studio.stack.api.realtimeToken(room.id));
    await editor.synced;
    const doc = new RoomDoc(editor.doc);
    doc.batch(() => {
      for (let c = 0; c < VERSION_CHAINS; c++) {
        const chain = doc.addChain({ name: `Chain ${c}` });
        for (let k = 0; k < VERSION_KEYFRAMES; k++) doc.setTransition(chain, doc.addKeyframe(chain, { seed: c * 1000 + k })!, { frames: 12 + k });
      }
    });
    const first = doc.chains()[0]!;
    const total = chainFrameCount(first);
    const open = async (name: string) => {
      const context = await studio.browser.newContext({ viewport: { width: 1440, height: 900 } });
      await asReturningVisitor(context, studio.web.url, { name, color: name === "Director" ? "#f4a261" : "#4cc9f0" });
      const page = await context.newPage();
      await page.goto(`${studio.web.url}/rooms/${room.id}`);
      await page.getByTestId("frame-counter").getByText(`of ${total}`).waitFor();
      return page;
    };
    const director = await open("Director");
    const animator = await open("Animator");
    await director.getByRole("button", { name: "History", exact: true }).click();
    await director.getByRole("button", { name: "Save version…" }).click();
    const form = director.getByRole("form", { name: "Save a version" });
    await form.getByLabel("Name", { exact: true }).fill("Tuesday");
    await form.getByRole("button", { name: "Save", exact: true }).click();
    const tuesday = director.getByTestId("version-entry").filter({ has: director.getByText("Tuesday", { exact: true }) });
    await tuesday.waitFor();

    const restores: number[] = [];
    for (let n = 0; n < RESTORES; n++) {
      // Someone takes ten keyframes out of the chain; everyone sees it shorter.
      doc.batch(() => {
        for (const keyframe of doc.chain(first.id)!.keyframes.slice(20, 30)) doc.removeKeyframe(first.id, keyframe.id);
      });
      const shorter = chainFrameCount(doc.chain(first.id)!);
      for (const page of [director, animator]) await page.getByTestId("frame-counter").getByText(`of ${shorter}`).waitFor();
      await armShownAt(animator, total);
      await armClickedAt(director);
      await tuesday.getByRole("button", { name: "Restore…" }).click();
      await director.getByRole("alertdialog").getByRole("button", { name: "Restore it" }).click();
      await animator.waitForFunction((mark) => mark in window, "restoredAt", { timeout: 30_000 });
      const [clickedAt, restoredAt] = [(await director.evaluate("window.clickedAt")) as number, (await animator.evaluate("window.restoredAt")) as number];
      restores.push(restoredAt - clickedAt);
      await eventually(() => doc.chain(first.id)?.keyframes.length === VERSION_KEYFRAMES, "the restore reached the editor");
    }
    editor.destroy();
    // The first restore also warms the server and the page's History code: it is left out.
    return { p50: percentile(restores.slice(1), 50), restores };
  } finally {
    await studio.close();
  }
}
