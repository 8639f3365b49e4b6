export { loadSigner, SIGNING_ALG, type Signer } from "./keys.js";
