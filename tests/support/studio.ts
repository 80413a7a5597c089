// Everything a browser test needs: collab-server (and a worker), the built web app
// allowed as a socket origin, and headless Chromium; one close for all of it.
import { mkdir } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./browser.js";
import { startStack, type Stack, type StackOptions } from "./stack.js";
import { freePort, startWebServer, type WebServer } from "./web-server.js";

/** Where browser tests leave their screenshots. */
export const SCREENSHOTS = new URL("../../test-results/", import.meta.url).pathname;

export interface Studio {
  stack: Stack;
  web: WebServer;
  browser: Browser;
  close(): Promise<void>;
}

export async function startStudio(options: Omit<StackOptions, "webOrigins">): Promise<Studio> {
  const port = await freePort();
  const stack = await startStack({ ...options, webOrigins: [`http://127.0.0.1:${port}`] });
  const web = await startWebServer(port, stack.collab.url);
  const browser = await launchChromium();
  await mkdir(SCREENSHOTS, { recursive: true });
  return {
    stack,
    web,
    browser,
    close: async () => {
      await browser.close();
      await web.close();
      await stack.close();
    },
  };
}

/** Two people (two browser contexts) in a room, each page ready: a worker, and the chain of `frames` frames on the timeline. */
export async function openTwoPages(studio: Studio, roomId: string, frames: number, viewport: { width: number; height: number }): Promise<[Page, Page]> {
  const pages = await Promise.all(
    [0, 1].map(async () => {
      const page = await (await studio.browser.newContext({ viewport })).newPage();
      await page.goto(`${studio.web.url}/rooms/${roomId}`);
      await page.getByTestId("worker-status").getByText("wasm").waitFor();
      await page.getByTestId("frame-counter").getByText(`of ${frames}`).waitFor();
      return page;
    }),
  );
  return [pages[0]!, pages[1]!];
}
