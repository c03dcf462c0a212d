import { Collection } from "./collection.js";
import { badRequest } from "./errors.js";
import { applyPatch } from "./patch.js";
import type { Behaviour } from "./profiles.js";
import { GROUP_SCHEMA, USER_SCHEMA, validateResource } from "./schemas.js";
import type { GroupMember, ScimGroup, ScimUser } from "./types.js";

type Kind = "User" | "Group";
type Resource = ScimUser | ScimGroup;

/**
 * The simulator's resources and the operations on them, independent of HTTP. Errors are
 * {@link ScimHttpError}s, turned into SCIM error bodies by the server's one error handler.
 */
export class TargetState {
  readonly users: Collection<ScimUser>;
  readonly groups: Collection<ScimGroup>;
  // Monotonic, so seeding after deletes never reuses a generated userName/displayName.
  private seededUsers = 0;
  private seededGroups = 0;

  constructor(
    readonly b: Behaviour,
    base: () => string,
  ) {
    this.users = new Collection<ScimUser>(
      "User",
      (u) => u.userName,
      (id) => `${base()}/Users/${id}`,
    );
    this.groups = new Collection<ScimGroup>(
      "Group",
      (g) => g.displayName,
      (id) => `${base()}/Groups/${id}`,
    );
  }

  col(kind: Kind): Collection<Resource> {
    return (kind === "User" ? this.users : this.groups) as Collection<Resource>;
  }

  /** POST: validates, assigns id and meta (any client-sent id is ignored, RFC 7643 §3.1). */
  create(kind: Kind, body: unknown): Resource {
    const data = this.validate(kind, body);
    const col = this.col(kind);
    const id = col.newId();
    return col.insert({
      schemas: data.schemas,
      id,
      ...data,
      meta: col.newMeta(id, new Date().toISOString()),
    } as Resource);
  }

  /** PUT (RFC 7644 §3.5.1): replaces every mutable attribute. */
  replace(kind: Kind, id: string, body: unknown): Resource {
    const prev = this.col(kind).must(id);
    const data = this.validate(kind, body);
    return this.col(kind).replace({ schemas: data.schemas, id, ...data, meta: prev.meta } as Resource);
  }

  /** PATCH (RFC 7644 §3.5.2), then the same validation as PUT. */
  patch(kind: Kind, id: string, body: unknown): Resource {
    const prev = this.col(kind).must(id);
    const patched = applyPatch(prev, body, {
      type: kind,
      strict: this.b.strictSchemas,
      maxMembersPerPatch: this.b.maxMembersPerPatch,
      resolveMember: (m) => this.memberRef(m),
    });
    return this.replace(kind, id, patched);
  }

  /** DELETE; also drops a deleted User from every group's members. Slack-like only deactivates users. */
  delete(kind: Kind, id: string): void {
    if (kind === "User" && this.b.softDeleteUsers) {
      const u = this.users.must(id);
      this.users.replace({ ...u, active: false });
      return;
    }
    this.col(kind).delete(id);
    // A scan of all groups: deletes are rare next to reads, and a reverse index would have to be
    // kept in step by every PATCH/PUT on members.
    for (const g of this.groups.all()) {
      if (g.members?.some((m) => m.value === id)) {
        this.groups.replace({ ...g, members: g.members.filter((m) => m.value !== id) });
      }
    }
  }

  /** A member reference for a User or Group id, with display and $ref filled in. */
  memberRef(id: string): GroupMember | undefined {
    const u = this.users.get(id);
    if (u) return { value: id, display: u.displayName ?? u.userName, $ref: u.meta.location, type: "User" };
    const g = this.groups.get(id);
    if (g) return { value: id, display: g.displayName, $ref: g.meta.location, type: "Group" };
    return undefined;
  }

  private validate(kind: Kind, body: unknown): Record<string, unknown> {
    const data = validateResource(kind, body, this.b.strictSchemas);
    if (kind === "User") {
      const emails = data.emails as unknown[] | undefined;
      if (emails && emails.length > this.b.maxEmails) {
        throw badRequest("invalidValue", `at most ${this.b.maxEmails} email address is supported`);
      }
    } else if (Array.isArray(data.members)) {
      const seen = new Map<string, GroupMember>();
      for (const m of data.members as GroupMember[]) {
        const ref = this.memberRef(m.value);
        if (!ref && this.b.strictSchemas)
          throw badRequest("invalidValue", `member ${m.value} does not exist`);
        if (!seen.has(m.value)) seen.set(m.value, ref ?? m);
      }
      data.members = [...seen.values()];
    }
    return data;
  }

  /**
   * Bulk insert without validation; `make(i)` overrides the generated defaults (an `id` it returns
   * is kept). Hot loop: one literal per user and no spread when `make` is absent.
   */
  seedUsers(count: number, make?: (i: number) => Partial<ScimUser>): void {
    const now = new Date().toISOString();
    const start = this.seededUsers;
    this.seededUsers += count;
    const col = this.users;
    for (let i = 0; i < count; i++) {
      const n = start + i;
      const extra = make?.(i);
      const id = extra?.id ?? col.newId();
      const userName = extra?.userName ?? `user${n}@example.com`;
      const u: ScimUser = {
        schemas: [USER_SCHEMA],
        id,
        userName,
        name: { givenName: "User", familyName: String(n) },
        displayName: `User ${n}`,
        emails: [{ value: userName, type: "work", primary: true }],
        active: true,
        meta: col.newMeta(id, now),
      };
      if (extra) Object.assign(u, extra, { id, meta: u.meta });
      col.insert(u);
    }
  }

  seedGroups(count: number, make?: (i: number) => Partial<ScimGroup>): void {
    const now = new Date().toISOString();
    const start = this.seededGroups;
    this.seededGroups += count;
    for (let i = 0; i < count; i++) {
      const extra = make?.(i);
      const id = extra?.id ?? this.groups.newId();
      const g: ScimGroup = {
        schemas: [GROUP_SCHEMA],
        id,
        displayName: `Group ${start + i}`,
        members: [],
        meta: this.groups.newMeta(id, now),
      };
      if (extra) Object.assign(g, extra, { id, meta: g.meta });
      if (g.members?.length) g.members = g.members.map((m) => this.memberRef(m.value) ?? m);
      this.groups.insert(g);
    }
  }

  clear(): void {
    this.seededUsers = 0;
    this.seededGroups = 0;
    this.users.clear();
    this.groups.clear();
  }
}
