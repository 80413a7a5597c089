import { startStudio } from "../tests/support/studio.js";
const studio = await startStudio({ kind: "pglite", open: true });
try {
  const room = await studio.stack.api.createRoom("Screens: a room with a rather long name to see how it wraps");
  for (const [w, h] of [[1024, 768], [1440, 900], [1920, 1080]] as const) {
    const a = await (await studio.browser.newContext({ viewport: { width: w, height: h } })).newPage();
    const b = await (await studio.browser.newContext({ viewport: { width: w, height: h } })).newPage();
    for (const p of [a, b]) {
      await p.goto(`${studio.web.url}/rooms/${room.id}`);
      await p.getByTestId("doc-status").getByText("Synced").waitFor();
    }
    if (w === 1024) {
      await a.getByRole("button", { name: "New chain" }).click();
      for (let i = 0; i < 3; i++) await a.getByRole("button", { name: i === 0 ? "Add keyframe" : "Use destination as next source" }).click();
    }
    await a.waitForTimeout(4000);
    const box = (await b.getByTestId("presence-layer").boundingBox())!;
    await b.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await a.waitForTimeout(1000);
    await a.screenshot({ path: `/tmp/screen-${w}-a.png` });
    await b.screenshot({ path: `/tmp/screen-${w}-b.png` });
    await a.context().close();
    await b.context().close();
  }
} finally {
  await studio.close();
}
process.exit(0);
