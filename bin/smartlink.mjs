#!/usr/bin/env node
// `smartlink …`: runs the TypeScript CLI through tsx, so it never runs a stale build.
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

register();
await import(pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), "..", "src", "cli.ts")).href);
