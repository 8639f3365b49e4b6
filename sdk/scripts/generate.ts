/** `npm run sdk:generate`: regenerates sdk/src/schema.d.ts from the app's OpenAPI document. */
import fs from "node:fs";
import { generateSchemaSource, SCHEMA_PATH } from "./openapi.js";

const source = await generateSchemaSource();
const before = fs.existsSync(SCHEMA_PATH) ? fs.readFileSync(SCHEMA_PATH, "utf8") : "";
fs.writeFileSync(SCHEMA_PATH, source);
console.log(before === source ? `${SCHEMA_PATH} is up to date.` : `Wrote ${SCHEMA_PATH}.`);
