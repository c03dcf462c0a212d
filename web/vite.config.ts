import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

/** The console: built into web/dist and served by the API process (src/http/server.ts). */
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    // SMARTLINK_WEB_OUT builds elsewhere (e.g. "dist-accounts") so parallel builds do not collide;
    // the server and `npm test` use web/dist.
    outDir: process.env.SMARTLINK_WEB_OUT ?? "dist",
    emptyOutDir: true,
    // One bundle for an admin console served from the same host; Mantine alone is ~400 kB.
    chunkSizeWarningLimit: 900,
  },
  server: {
    proxy: {
      "/api": "http://127.0.0.1:8080",
    },
  },
});
