import { measureValidate } from "../bench/yjs-validate.js";
console.log(measureValidate());
console.log(measureValidate());
