/**
 * The Access tab's keyset paging: `nextCursor` walks every user with access exactly once, in the
 * same order as page numbers, and a cursor the API never issued is a 400.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDialect } from "./db-harness.js";
import { openProvisioningRig, type ProvisioningRig } from "./helpers/provisioning.js";

describeEachDialect("provisioning access paging", (getDb) => {
  let rig: ProvisioningRig;
  beforeAll(async () => {
    rig = await openProvisioningRig(getDb());
    const folder = (
      await rig.api.inject({ method: "POST", url: "/api/folders", payload: { name: "Paging" } })
    ).json();
    for (let i = 0; i < 7; i++) {
      const u = await rig.user({ email: `page-${i}@example.test` });
      const url =
        i % 2 ? `/api/folders/${folder.id}/members/${u.id}` : `/api/applications/${rig.appId}/users/${u.id}`;
      await rig.api.inject({ method: "PUT", url });
    }
    await rig.api.inject({ method: "PUT", url: `/api/folders/${folder.id}/applications/${rig.appId}` });
  });
  afterAll(async () => rig?.close());

  describe("after", () => {
    it("walks every user with access once, in page order, and ends with a null cursor", async () => {
      const byPages: string[] = [];
      for (let page = 1; page <= 3; page++) {
        byPages.push(
          ...(await rig.get(`/access?page=${page}&pageSize=3`))
            .json()
            .items.map((r: { user: { email: string } }) => r.user.email),
        );
      }
      const byCursor: string[] = [];
      let cursor: string | null = null;
      let calls = 0;
      do {
        const res = await rig.get(`/access?pageSize=3${cursor ? `&after=${cursor}` : ""}`);
        expect(res.statusCode).toBe(200);
        const body = res.json() as {
          items: Array<{ user: { email: string } }>;
          total: number;
          nextCursor: string | null;
        };
        expect(body.total).toBe(7);
        byCursor.push(...body.items.map((r) => r.user.email));
        cursor = body.nextCursor;
        calls++;
      } while (cursor && calls < 10);
      expect(byPages).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `page-${i}@example.test`));
      expect(byCursor).toEqual(byPages);
    });

    it("pages from a cursor inside a search too", async () => {
      const first = (await rig.get("/access?pageSize=2&search=page-")).json();
      const next = (await rig.get(`/access?pageSize=2&search=page-&after=${first.nextCursor}`)).json();
      expect(next.items.map((r: { user: { email: string } }) => r.user.email)).toEqual([
        "page-2@example.test",
        "page-3@example.test",
      ]);
      expect(next.total).toBe(7);
    });

    it("answers 400 request.invalid_cursor for a cursor the API did not issue", async () => {
      const res = await rig.get("/access?after=not-a-cursor");
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe("request.invalid_cursor");
    });
  });
});
