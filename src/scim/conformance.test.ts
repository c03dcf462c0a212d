/**
 * Conformance cases named after the steps Okta's SCIM 2.0 test suite (Runscope spec) and Microsoft
 * Entra's provisioning validator run, against the simulator's strict and AWS profiles.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScimTarget, startScimTarget } from "../../tools/scim-target/index.js";
import type { ScimClient } from "./client.js";
import { filter, valuePath } from "./filter.js";
import { patchOp } from "./patch.js";
import { clientFor } from "./testing.js";

describe.each(["strict", "aws"] as const)("conformance on the %s profile", (profile) => {
  let target: ScimTarget;
  let client: ScimClient;
  let userId = "";
  let otherId = "";
  let groupId = "";
  const userName = `conformance.${profile}@example.test`;

  beforeAll(async () => {
    target = await startScimTarget({ profile });
    ({ client } = clientFor(target));
    await client.probe();
  });
  afterAll(async () => {
    await client.close();
    await target.close();
  });

  it("Okta: a filter for an unknown userName returns an empty list, not an error", async () => {
    expect(await client.users.search(filter.eq("userName", "nobody@example.test"))).toEqual([]);
  });

  it("Okta: creates a user and gets back a resource with an id", async () => {
    const u = await client.users.create({
      userName,
      name: { givenName: "Grace", familyName: "Hopper" },
      displayName: "Grace Hopper",
      emails: [{ value: userName, type: "work", primary: true }],
      active: true,
      externalId: "ext-1",
    });
    expect(u).toMatchObject({ userName, active: true });
    userId = u.id;
    otherId = (await client.users.create({ userName: `other.${userName}` })).id;
  });

  it("Okta: gets the user by filter userName eq and by id", async () => {
    const [found] = await client.users.search(filter.eq("userName", userName));
    expect(found?.id).toBe(userId);
    expect((await client.users.get(userId)).userName).toBe(userName);
  });

  it("Entra: updates through PATCH replace operations, including a value path into emails", async () => {
    await client.users.modify(userId, [
      patchOp.replace("displayName", "Rear Admiral Hopper"),
      patchOp.replace("name.familyName", "Hopper-Murray"),
      patchOp.replace(valuePath("emails", filter.eq("type", "work"), "value"), `new.${userName}`),
      patchOp.replace("externalId", "ext-2"),
    ]);
    const u = await client.users.get(userId);
    expect(u).toMatchObject({
      displayName: "Rear Admiral Hopper",
      externalId: "ext-2",
      name: { familyName: "Hopper-Murray" },
    });
    expect(u.emails?.[0]?.value).toBe(`new.${userName}`);
  });

  it("Okta/Entra: deactivates with active:false", async () => {
    await client.users.setActive(userId, false);
    expect((await client.users.get(userId)).active).toBe(false);
    await client.users.setActive(userId, true);
  });

  it("Okta: a duplicate create is a conflict (409)", async () => {
    await expect(client.users.create({ userName })).rejects.toMatchObject({
      category: "conflict",
      status: 409,
    });
  });

  it("Okta: an unknown id is notFound (404)", async () => {
    await expect(client.users.get("00000000-0000-0000-0000-000000000000")).rejects.toMatchObject({
      category: "notFound",
      status: 404,
    });
  });

  it("Entra: pushes a group with a member, then adds and removes members", async () => {
    const g = await client.groups.create({ displayName: `Push ${profile}`, members: [{ value: userId }] });
    groupId = g.id;
    await client.groups.addMembers(groupId, [otherId]);
    expect(
      target
        .groups()[0]!
        .members?.map((m) => m.value)
        .sort(),
    ).toEqual([userId, otherId].sort());
    await client.groups.removeMembers(groupId, [userId]);
    expect(target.groups()[0]!.members?.map((m) => m.value)).toEqual([otherId]);
  });

  it("Okta: renames a group with PATCH replace displayName", async () => {
    await client.groups.modify(groupId, [patchOp.replace("displayName", `Renamed ${profile}`)]);
    expect((await client.groups.get(groupId)).displayName).toBe(`Renamed ${profile}`);
  });

  it("deletes the group and the users; deleting again still succeeds", async () => {
    await client.groups.delete(groupId);
    await client.users.delete(userId);
    await client.users.delete(otherId);
    await client.users.delete(userId);
    expect(target.users()).toEqual([]);
    expect(target.groups()).toEqual([]);
  });
});
