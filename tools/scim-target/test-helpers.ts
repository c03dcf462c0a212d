/** Shared helpers for the simulator's own tests (real HTTP through fetch). */
import { afterEach } from "vitest";
import { type ScimTarget, type StartOptions, startScimTarget } from "./index.js";
import { PATCH_SCHEMA, USER_SCHEMA } from "./schemas.js";

export interface Res {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test assertions read arbitrary response JSON
  body: any;
}

const started: ScimTarget[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((t) => t.close()));
});

/** Starts a target that is closed after the current test. */
export async function target(opts?: StartOptions): Promise<ScimTarget> {
  const t = await startScimTarget(opts);
  started.push(t);
  return t;
}

/** A minimal SCIM request function bound to a target. */
export function client(t: ScimTarget, auth = "Bearer secret") {
  return async function call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Res> {
    const init: RequestInit = { method, headers: { authorization: auth, ...headers } };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)["content-type"] ??= "application/scim+json";
    }
    const r = await fetch(`${t.url}${path}`, init);
    const text = await r.text();
    return { status: r.status, headers: r.headers, body: text ? JSON.parse(text) : undefined };
  };
}

/** A valid core User body. */
export const user = (userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: [USER_SCHEMA],
  userName,
  ...extra,
});

/** A PatchOp body. */
export const patch = (...Operations: Record<string, unknown>[]) => ({ schemas: [PATCH_SCHEMA], Operations });

/** `?filter=` with the expression URL-encoded. */
export const q = (filter: string) => `?filter=${encodeURIComponent(filter)}`;
