// Chains out and back in through the studio: Umbra's JSON and Marrow's folders
// downloaded from the Chains tab, then imported by file and by drop.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RoomDoc, chainFrameCount, frameRecipeAt, type Chain } from "@umbra/doc";
import { recipeHash, recipeLatent } from "@umbra/latent";
import { SCREENSHOTS as shots, startStudio, type Studio } from "../support/studio.js";
import { connectDoc, type DocClient } from "../support/yjs-client.js";

const MODEL = "builtin/cppn";

describe("chain export and import in the studio", () => {
  let studio: Studio;
  let editor: DocClient;

  beforeAll(async () => {
    studio = await startStudio({ kind: "pglite", open: true, withWorker: false });
  });
  afterAll(async () => {
    editor?.destroy();
    await studio?.close();
  });

  it("downloads a chain as Umbra JSON and as Marrow folders, and imports both back to the same frames", async () => {
    const room = await studio.stack.api.createRoom("Exchange");
    editor = connectDoc(studio.stack.collab.url, room.id, await studio.stack.api.realtimeToken(room.id));
    await editor.synced;
    const doc = new RoomDoc(editor.doc);
    const chainId = doc.addChain({ name: "Walk cycle", fps: 12 });
    const ids = [11, 12, 13].map((seed) => doc.addKeyframe(chainId, { seed })!);
    doc.setTransition(chainId, ids[0]!, { frames: 8, easing: "ease-in-out" });
    doc.setTransition(chainId, ids[1]!, { frames: 5, interpolation: "lerp" });
    const original = doc.chain(chainId)!;
    const framesOf = (c: Chain) => Array.from({ length: chainFrameCount(c) }, (_, n) => frameRecipeAt(c, n, MODEL)!);

    const page = await (await studio.browser.newContext({ viewport: { width: 1360, height: 860 }, acceptDownloads: true })).newPage();
    await page.goto(`${studio.web.url}/rooms/${room.id}`);
    await page.getByTestId("doc-status").getByText("Synced").waitFor();
    const exchange = page.getByTestId("chain-exchange");
    const saved = async (label: string) => {
      const [download] = await Promise.all([page.waitForEvent("download"), exchange.getByRole("button", { name: label }).click()]);
      return { name: download.suggestedFilename(), path: (await download.path())! };
    };
    const json = await saved("Umbra JSON");
    const marrow = await saved("Marrow ZIP");
    expect([json.name, marrow.name]).toEqual(["Walk cycle.umbra.json", "Walk cycle.marrow.zip"]);
    await page.screenshot({ path: `${shots}exchange-chains-tab.png` });

    // Back in, by the file picker: a new chain, identical frame for frame.
    await page.getByLabel("Import a chain").setInputFiles(json.path);
    await expect.poll(() => doc.chains().length, { timeout: 15_000 }).toBe(2);
    expect(framesOf(doc.chains()[1]!).map(recipeHash)).toEqual(framesOf(original).map(recipeHash));
    // Marrow's folders, by a drop on the studio: explicit vectors, the same latents at every frame.
    const bytes = await readFile(marrow.path);
    const transfer = await page.evaluateHandle(
      ({ data, name }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(data)], name));
        return dt;
      },
      { data: [...bytes], name: "Walk cycle.marrow.zip" },
    );
    await page.getByTestId("preview").dispatchEvent("drop", { dataTransfer: transfer });
    await expect.poll(() => doc.chains().length, { timeout: 15_000 }).toBe(3);
    const latents = (c: Chain) => framesOf(c).map((r) => Array.from(recipeLatent(r, 512)));
    expect(latents(doc.chains()[2]!)).toEqual(latents(original));

    // A file Umbra cannot use changes nothing and says why.
    await page.getByLabel("Import a chain").setInputFiles({ name: "notes.zip", mimeType: "application/zip", buffer: Buffer.from("not a zip") });
    await page.getByRole("alert").getByText(/Nothing was imported\. the ZIP cannot be read/).waitFor();
    expect(doc.chains()).toHaveLength(3);
  });
});
