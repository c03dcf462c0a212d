/**
 * Directory reads and constraints: case-insensitive email uniqueness, paging, search, access lists.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { systemClock } from "../src/clock.js";
import { createDirectory, type Directory } from "../src/directory/index.js";
import { describeEachDialect } from "./db-harness.js";
import { seedUsers } from "./helpers/directory-seed.js";

describeEachDialect("directory lists and constraints", (getDb) => {
  let dir: Directory;
  beforeAll(() => {
    dir = createDirectory({ database: getDb(), clock: systemClock });
  });
  const tag = () => randomUUID().slice(0, 8);

  it("rejects an email that differs only in letter case, on create and on update", async () => {
    const t = tag();
    const first = await dir.users.create({ email: `Mixed.${t}@Example.test`, firstName: "A", lastName: "B" });
    await expect(
      dir.users.create({ email: `mixed.${t}@example.TEST`, firstName: "C", lastName: "D" }),
    ).rejects.toMatchObject({ kind: "conflict", code: "user.email_taken" });
    const other = await dir.users.create({ email: `other.${t}@example.test`, firstName: "E", lastName: "F" });
    await expect(dir.users.update(other.id, { email: `MIXED.${t}@example.test` })).rejects.toMatchObject({
      code: "user.email_taken",
    });
    expect((await dir.users.get(other.id)).email).toBe(`other.${t}@example.test`);
    // A user may change the case of their own email.
    const recased = await dir.users.update(first.id, { email: `mixed.${t}@example.test` });
    expect(recased.email).toBe(`mixed.${t}@example.test`);
  });

  it("defaults the display name to First Last and keeps explicit attributes", async () => {
    const u = await dir.users.create({
      email: `${tag()}@example.test`,
      firstName: "Alan",
      lastName: "Turing",
      attributes: { phone: "+44 1234", department: "Huts" },
    });
    expect(u).toMatchObject({ displayName: "Alan Turing", active: true, attributes: { phone: "+44 1234" } });
    const custom = await dir.users.update(u.id, { displayName: "Prof. Turing", attributes: { phone: null } });
    expect(custom.attributes).toEqual({ department: "Huts" });
    expect((await dir.users.update(u.id, { firstName: "A." })).displayName).toBe("Prof. Turing");
    expect(await dir.users.get(u.id)).toEqual(await dir.users.get(u.id));
  });

  it("returns timestamps as ISO-8601 strings and booleans as booleans", async () => {
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    const u = await dir.users.create({
      email: `${tag()}@example.test`,
      firstName: "I",
      lastName: "So",
      active: false,
    });
    const read = await dir.users.get(u.id);
    expect(read.createdAt).toMatch(iso);
    expect(read.active).toBe(false);
    const a = await dir.applications.create({ name: `Iso ${tag()}` });
    await dir.applications.assignUser(a.id, u.id);
    const [event] = await dir.events.list({ after: (await dir.events.lastId()) - 1 });
    expect(event?.createdAt).toMatch(iso);
    expect(event?.processedAt).toBeNull();
  });

  it("pages users in a stable email order with exact totals", async () => {
    const prefix = `page${tag()}`;
    await seedUsers(getDb(), 25, { prefix });
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const p = await dir.users.list({ search: prefix, page, pageSize: 10 });
      expect(p).toMatchObject({ total: 25, page, pageSize: 10 });
      seen.push(...p.items.map((u) => u.email));
    }
    expect(seen).toHaveLength(25);
    expect([...seen].sort()).toEqual(seen);
    expect(new Set(seen).size).toBe(25);
    expect((await dir.users.list({ search: prefix, page: 4, pageSize: 10 })).items).toEqual([]);
  });

  it("searches users case-insensitively by email and name, and filters by active", async () => {
    const t = tag();
    const u = await dir.users.create({
      email: `zed.${t}@example.test`,
      firstName: "Zebulon",
      lastName: `Q${t}`,
    });
    expect((await dir.users.list({ search: `ZED.${t.toUpperCase()}` })).items.map((x) => x.id)).toEqual([
      u.id,
    ]);
    expect((await dir.users.list({ search: `zebulon q${t}` })).items.map((x) => x.id)).toEqual([u.id]);
    await dir.users.deactivate(u.id);
    expect((await dir.users.list({ search: t, active: true })).total).toBe(0);
    expect((await dir.users.list({ search: t, active: false })).items.map((x) => x.id)).toEqual([u.id]);
  });

  it("treats % and _ in a search as literal characters", async () => {
    const t = tag();
    const pct = await dir.folders.create({ name: `100% ${t}` });
    await dir.folders.create({ name: `1000 ${t}` });
    expect((await dir.folders.list({ search: `0% ${t}` })).items.map((f) => f.id)).toEqual([pct.id]);
    expect((await dir.folders.list({ search: `10_ ${t}` })).total).toBe(0);
  });

  it("clamps page sizes to 1..500", async () => {
    expect((await dir.applications.list({ pageSize: 10_000 })).pageSize).toBe(500);
    expect((await dir.applications.list({ pageSize: 0, page: -3 })).page).toBe(1);
  });

  it("lists folders and applications by name with counts", async () => {
    const t = tag();
    const b = await dir.folders.create({ name: `b-${t}`, description: "second" });
    const a = await dir.folders.create({ name: `A-${t}` });
    const app = await dir.applications.create({ name: `Wiki ${t}`, url: "https://wiki.example.test" });
    await dir.folders.addApplication(a.id, app.id);
    const ids = await seedUsers(getDb(), 3, { prefix: `f${t}`, folderId: a.id });
    const list = await dir.folders.list({ search: t });
    expect(list.items.map((f) => [f.name, f.memberCount, f.applicationCount])).toEqual([
      [`A-${t}`, 3, 1],
      [`b-${t}`, 0, 0],
    ]);
    expect(b.description).toBe("second");
    expect((await dir.folders.members(a.id, { pageSize: 2 })).total).toBe(3);
    expect((await dir.folders.members(a.id, { pageSize: 2 })).items).toHaveLength(2);
    expect((await dir.applications.folders(app.id)).map((f) => f.id)).toEqual([a.id]);
    expect((await dir.applications.list({ search: `wiki ${t}` })).items).toEqual([app]);
    expect(await dir.hasAccess(app.id, ids[0]!)).toBe(true);
  });

  it("lists an application's access with every path, direct first then folders by name", async () => {
    const t = tag();
    const app = await dir.applications.create({ name: `Access ${t}` });
    const [f1, f2] = [
      await dir.folders.create({ name: `Zeta ${t}` }),
      await dir.folders.create({ name: `Alpha ${t}` }),
    ];
    const u1 = await dir.users.create({ email: `a-${t}@example.test`, firstName: "A", lastName: "One" });
    const u2 = await dir.users.create({ email: `b-${t}@example.test`, firstName: "B", lastName: "Two" });
    await dir.users.create({ email: `c-${t}@example.test`, firstName: "C", lastName: "None" });
    for (const f of [f1, f2]) {
      await dir.folders.addApplication(f.id, app.id);
      await dir.folders.addMember(f.id, u1.id);
    }
    await dir.applications.assignUser(app.id, u1.id);
    await dir.applications.assignUser(app.id, u2.id);
    const access = await dir.applications.accessList(app.id);
    expect(access.total).toBe(2);
    expect(access.items.map((r) => [r.user.email, r.via])).toEqual([
      [
        u1.email,
        [
          { type: "direct" },
          { type: "folder", folderId: f2.id, name: f2.name },
          { type: "folder", folderId: f1.id, name: f1.name },
        ],
      ],
      [u2.email, [{ type: "direct" }]],
    ]);
    const searched = await dir.applications.accessList(app.id, { search: "two" });
    expect(searched.items.map((r) => r.user.id)).toEqual([u2.id]);
    expect(searched.total).toBe(1);
  });

  it("pages a densely granted access list (past the per-row probe threshold) the same by cursor and by number", async () => {
    const t = tag();
    const app = await dir.applications.create({ name: `Dense ${t}` });
    const folder = await dir.folders.create({ name: `Everyone ${t}` });
    await dir.folders.addApplication(folder.id, app.id);
    // 5,200 members through the folder, 40 more by direct assignment only, 60 without access.
    const members = await seedUsers(getDb(), 5_200, { prefix: `m${t}`, folderId: folder.id });
    const direct = await seedUsers(getDb(), 40, { prefix: `d${t}` });
    for (const id of direct) await dir.applications.assignUser(app.id, id);
    const outsiders = new Set(await seedUsers(getDb(), 60, { prefix: `o${t}` }));

    const walked: string[] = [];
    let after: string | undefined;
    for (let calls = 0; calls < 20; calls++) {
      const page = await dir.applications.accessList(app.id, { pageSize: 500, ...(after ? { after } : {}) });
      expect(page.total).toBe(5_240);
      walked.push(...page.items.map((r) => r.user.id));
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    expect(walked).toHaveLength(5_240);
    expect(new Set(walked)).toEqual(new Set([...members, ...direct]));
    expect(walked.some((id) => outsiders.has(id))).toBe(false);
    // The same order as page numbers (which walk with the predicate's other form past page 1).
    const byNumber = [1, 2, 11].map(async (page) =>
      (await dir.applications.accessList(app.id, { page, pageSize: 500 })).items.map((r) => r.user.id),
    );
    const [p1, p2, p11] = await Promise.all(byNumber);
    expect(p1).toEqual(walked.slice(0, 500));
    expect(p2).toEqual(walked.slice(500, 1_000));
    expect(p11).toEqual(walked.slice(5_000));
  });
});
