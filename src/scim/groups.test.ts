import { describe, expect, it } from "vitest";
import { startScimTarget } from "../../tools/scim-target/index.js";
import { calls, clientFor } from "./testing.js";

describe("group membership", () => {
  it("adds 250 members on aws in 3 PATCHes of at most 100 and removes 150 in 2", async () => {
    const aws = await startScimTarget({ profile: "aws" });
    aws.seedUsers(250);
    const ids = aws.users().map((u) => u.id);
    const { client } = clientFor(aws, { membersPerPatch: 100 });
    const group = await client.groups.create({ displayName: "Engineering" });
    aws.clearRequests();
    await client.groups.addMembers(group.id, ids);
    expect(calls(aws)).toEqual(Array(3).fill(`PATCH /Groups/${group.id}`));
    const sizes = aws.requests.map(
      (r) => (r.body as { Operations: Array<{ value: unknown[] }> }).Operations[0]!.value.length,
    );
    expect(sizes).toEqual([100, 100, 50]);
    expect(aws.requests[0]!.body).toEqual({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [{ op: "add", path: "members", value: ids.slice(0, 100).map((value) => ({ value })) }],
    });
    expect(aws.groups()[0]!.members).toHaveLength(250);

    aws.clearRequests();
    await client.groups.removeMembers(group.id, ids.slice(0, 150));
    expect(
      aws.requests.map(
        (r) =>
          (r.body as { Operations: Array<{ op: string; value: unknown[] }> }).Operations[0]!.value.length,
      ),
    ).toEqual([100, 50]);
    expect(aws.groups()[0]!.members?.map((m) => m.value)).toEqual(ids.slice(150));
    await client.close();
    await aws.close();
  });

  it("is rejected by aws when a PATCH carries more than 100 member operations (why chunking exists)", async () => {
    const aws = await startScimTarget({ profile: "aws" });
    aws.seedUsers(101);
    const { client } = clientFor(aws, { membersPerPatch: 1_000 });
    const group = await client.groups.create({ displayName: "Too big" });
    await expect(
      client.groups.addMembers(
        group.id,
        aws.users().map((u) => u.id),
      ),
    ).rejects.toMatchObject({
      category: "rejected",
      status: 400,
    });
    await client.close();
    await aws.close();
  });

  it("falls back to GET + PUT on no-patch and keeps the existing members", async () => {
    const target = await startScimTarget({ profile: "no-patch" });
    target.seedUsers(5);
    const [a, b, c, d, e] = target.users().map((u) => u.id) as [string, string, string, string, string];
    const { client } = clientFor(target);
    const group = await client.groups.create({ displayName: "Sales", members: [{ value: a }, { value: b }] });
    target.clearRequests();
    await client.groups.addMembers(group.id, [c, d]);
    expect(calls(target)).toEqual([
      `PATCH /Groups/${group.id}`,
      `GET /Groups/${group.id}`,
      `PUT /Groups/${group.id}`,
    ]);
    expect(target.requests[0]!.status).toBe(501);
    expect(target.requests[2]!.body).toMatchObject({
      displayName: "Sales",
      members: [{ value: a }, { value: b }, { value: c }, { value: d }],
    });
    // Learned: no more PATCH attempts.
    target.clearRequests();
    await client.groups.removeMembers(group.id, [b]);
    await client.groups.addMembers(group.id, [e]);
    expect(calls(target)).toEqual([
      `GET /Groups/${group.id}`,
      `PUT /Groups/${group.id}`,
      `GET /Groups/${group.id}`,
      `PUT /Groups/${group.id}`,
    ]);
    expect(target.groups()[0]!.members?.map((m) => m.value)).toEqual([a, c, d, e]);
    await client.close();
    await target.close();
  });

  it("on no-patch sends the members left after the refused first chunk in one GET + PUT", async () => {
    const target = await startScimTarget({ profile: "no-patch" });
    target.seedUsers(250);
    const ids = target.users().map((u) => u.id);
    target.seedGroups(1, () => ({ displayName: "Big", members: [] }));
    const groupId = target.groups()[0]!.id;
    const { client } = clientFor(target, { membersPerPatch: 100 });
    await client.groups.addMembers(groupId, ids);
    expect(calls(target)).toEqual([
      `PATCH /Groups/${groupId}`,
      `GET /Groups/${groupId}`,
      `PUT /Groups/${groupId}`,
      `GET /Groups/${groupId}`,
      `PUT /Groups/${groupId}`,
    ]);
    const putSizes = [2, 4].map((i) => (target.requests[i]!.body as { members: unknown[] }).members.length);
    expect(putSizes).toEqual([100, 250]);
    // Each PUT is guarded by the version its own GET returned (RFC 7644 §3.14).
    const [first, second] = [2, 4].map((i) => target.requests[i]!.headers["if-match"]);
    expect(first).toMatch(/^W\/"\d+"$/);
    expect(second).toMatch(/^W\/"\d+"$/);
    expect(second).not.toBe(first);
    expect(target.groups()[0]!.members?.map((m) => m.value)).toEqual(ids);
    await client.close();
    await target.close();
  });

  it("sends no request for an empty member list and de-duplicates ids", async () => {
    const target = await startScimTarget({ profile: "strict" });
    target.seedUsers(2);
    const [a, b] = target.users().map((u) => u.id) as [string, string];
    const { client } = clientFor(target, { membersPerPatch: 1 });
    const group = await client.groups.create({ displayName: "G" });
    target.clearRequests();
    await client.groups.addMembers(group.id, []);
    await client.groups.addMembers(group.id, [a, a, b]);
    expect(target.requests).toHaveLength(2);
    expect(target.groups()[0]!.members?.map((m) => m.value)).toEqual([a, b]);
    await client.close();
    await target.close();
  });

  it("finds a group by displayName and does not duplicate a group create after a lost response", async () => {
    const target = await startScimTarget({ profile: "strict" });
    const { client } = clientFor(target, { retry: { maxAttempts: 3, baseDelayMs: 1 } });
    target.failNext(1, "malformed", { method: "POST" });
    const g = await client.groups.create({ displayName: 'Team "A" \\ B' });
    expect(target.groups()).toHaveLength(1);
    expect((await client.groups.findByDisplayName('Team "A" \\ B'))?.id).toBe(g.id);
    await client.close();
    await target.close();
  });
});
