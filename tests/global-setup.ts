// Tags this test run, and at its end kills whatever a test started and did not stop
// (a test that timed out or crashed before its cleanup), saying what it was.
import { randomUUID } from "node:crypto";
import { reapServices, startRun } from "./support/service-reaper.js";

export default function setup(): () => void {
  const tag = randomUUID();
  startRun(tag);
  return () => {
    const reaped = reapServices(tag);
    if (reaped.length) console.warn(`teardown: ${reaped.length} process(es) started by the tests were still running and were killed: ${reaped.join(", ")}`);
  };
}
