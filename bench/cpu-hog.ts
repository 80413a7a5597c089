// One core kept busy by another process, as on a machine where other work runs.
import { spawnService, type ChildService } from "../tests/support/child-service.js";

export function startCpuHog(): ChildService {
  return spawnService("cpu hog", ["-e", "for (;;) {}"], { env: process.env });
}
