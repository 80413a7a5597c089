import type { ExportJob } from "@umbra/protocol";
import type { ExportFiles } from "./export-files.js";
import type { ExportStore } from "./export-store.js";

/**
 * Fails the exports no live collab-server runs any more (this server's previous run,
 * or another server that died), tells their rooms, and deletes their unfinished files.
 */
export async function failOrphanedExports(
  store: ExportStore,
  files: ExportFiles | null,
  liveServers: readonly string[],
  announce: (job: ExportJob) => void,
  log: (line: string) => void,
): Promise<void> {
  const orphans = await store.failOrphaned(liveServers);
  for (const job of orphans) {
    announce(job);
    await files?.discardPart(job.id);
  }
  if (orphans.length > 0) log(`exports: ${orphans.length} export(s) were cut short when the server running them stopped; marked failed`);
}
