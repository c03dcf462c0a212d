/** Secrets at rest: see secret-box.ts. */
export {
  createSecretBox,
  KEY_FILE_NAME,
  loadOrCreateKeyFile,
  type SecretBox,
  SecretBoxError,
  type SecretBoxOptions,
} from "./secret-box.js";
