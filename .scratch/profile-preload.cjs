const inspector = require("node:inspector");
const fs = require("node:fs");
const session = new inspector.Session();
session.connect();
session.post("Profiler.enable", () => session.post("Profiler.setSamplingInterval", { interval: 200 }, () => session.post("Profiler.start")));
setTimeout(() => {
  session.post("Profiler.stop", (err, result) => {
    fs.writeFileSync(process.env.PROFILE_OUT, JSON.stringify(result.profile));
  });
}, Number(process.env.PROFILE_MS)).unref();
