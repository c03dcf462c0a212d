/**
 * The sample application's own data, seeded straight into the SCIM target simulator as if the
 * application had been in use before SmartLink: accounts that match SmartLink users (by userName or
 * by email), accounts of people who left, a couple of deactivated ones, and groups with members.
 */
import type { ScimTarget, ScimUser } from "../../tools/scim-target/index.js";
import type { SeededDirectory } from "./directory.js";
import { emailPart, makeFormerStaff } from "./people.js";

type DemoUser = SeededDirectory["users"][number];

export interface SeededTarget {
  /** Accounts whose userName or email is a SmartLink user's email: SmartLink suggests the match. */
  matching: Array<{ accountId: string; userId: string; department: string }>;
  /** Accounts of former staff: no SmartLink user matches them. */
  unmatched: number;
  /** Accounts the application itself has deactivated (`active: false`). */
  inactive: number;
  groups: Array<{ id: string; displayName: string; members: number }>;
}

function account(p: { firstName: string; lastName: string; email: string }, userName: string) {
  return {
    userName,
    name: { givenName: p.firstName, familyName: p.lastName },
    displayName: `${p.firstName} ${p.lastName}`,
    emails: [{ value: p.email, type: "work", primary: true }],
    active: true,
  } satisfies Partial<ScimUser>;
}

/** Seeds accounts for about 60% of the users with access, plus outsiders, then groups. */
export function seedTarget(sim: ScimTarget, dir: SeededDirectory): SeededTarget {
  const holders = dir.users.filter((u) => dir.withAccess.has(u.id));
  // Three salespeople without access have accounts too: associating one gives them direct access.
  const outsiders = dir.users.filter((u) => u.person.department === "Sales" && !dir.withAccess.has(u.id));
  const owners: DemoUser[] = [
    ...holders.filter((_, i) => i % 5 !== 0 && i % 5 !== 3),
    ...outsiders.slice(0, 3),
  ];
  // Most accounts use the email as userName; every fourth uses a handle, so the match is by email.
  const handle = (u: DemoUser, i: number) =>
    i % 4 === 3 ? emailPart(u.firstName) + emailPart(u.lastName) : u.email;
  const before = new Set(sim.users().map((u) => u.id));
  sim.seedUsers(owners.length, (i) =>
    account((owners[i] as DemoUser).person, handle(owners[i] as DemoUser, i)),
  );
  const former = makeFormerStaff(12);
  sim.seedUsers(former.length, (i) => ({ ...account(former[i]!, former[i]!.email), active: i >= 2 }));

  const created = sim.users().filter((u) => !before.has(u.id));
  const ownerAccounts = created.slice(0, owners.length);
  const formerAccounts = created.slice(owners.length);
  const matching = ownerAccounts.map((a, i) => ({
    accountId: a.id,
    userId: (owners[i] as DemoUser).id,
    department: (owners[i] as DemoUser).person.department,
  }));

  const refs = (ids: string[]) => ids.map((value) => ({ value }));
  const of = (department: string) =>
    matching.filter((m) => m.department === department).map((m) => m.accountId);
  const groups = [
    { displayName: "engineering", members: of("Engineering") },
    { displayName: "contractors", members: of("Contractors") },
    { displayName: "sales-emea", members: of("Sales") },
    { displayName: "all-staff", members: created.filter((a) => a.active !== false).map((a) => a.id) },
    { displayName: "alumni", members: formerAccounts.map((a) => a.id) },
  ];
  const beforeGroups = new Set(sim.groups().map((g) => g.id));
  sim.seedGroups(groups.length, (i) => ({
    displayName: groups[i]!.displayName,
    members: refs(groups[i]!.members),
  }));
  return {
    matching,
    unmatched: formerAccounts.length,
    inactive: formerAccounts.filter((a) => a.active === false).length,
    groups: sim
      .groups()
      .filter((g) => !beforeGroups.has(g.id))
      .map((g) => ({ id: g.id, displayName: g.displayName, members: g.members?.length ?? 0 })),
  };
}
