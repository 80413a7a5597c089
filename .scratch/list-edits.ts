import { generateSchemaEdits } from "../packages/doc/src/schema-samples.js";
const e = generateSchemaEdits();
console.log(e.invalid.length, e.valid.length);
for (const x of e.invalid) console.log(x.name);
