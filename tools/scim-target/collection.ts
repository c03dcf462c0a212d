import { randomBytes } from "node:crypto";
import { conflict, notFound } from "./errors.js";
import type { ScimMeta } from "./types.js";

/** What every stored resource has. */
export interface Stored {
  id: string;
  meta: ScimMeta;
}

/**
 * An in-memory resource collection: a Map by id, a case-insensitive unique-key index
 * (userName for Users, displayName for Groups) and an insertion-order id array.
 *
 * Invariants:
 * - `byKey` holds exactly one entry per stored resource: lowercase key → id.
 * - `order` holds every stored id once, plus ids deleted since the last compaction
 *   (`stale` counts them); {@link ids} compacts before handing the array out, so a paged
 *   list slices it without copying or sorting the whole set.
 */
export class Collection<T extends Stored> {
  private readonly byId = new Map<string, T>();
  private readonly byKey = new Map<string, string>();
  private order: string[] = [];
  private stale = 0;
  private versionSeq = 0;
  // Ids are UUID-shaped: a random per-collection prefix and a counter. crypto.randomUUID() per
  // resource was tried and dominated the cost of seeding 100,000 users on a loaded machine.
  private readonly idPrefix = randomBytes(10)
    .toString("hex")
    .replace(/^(.{8})(.{4})(.{4})(.{4})$/, "$1-$2-$3-$4-");
  private idSeq = 0;

  constructor(
    readonly resourceType: "User" | "Group",
    private readonly keyOf: (r: T) => string,
    private readonly location: (id: string) => string,
  ) {}

  get size(): number {
    return this.byId.size;
  }

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  /** Throws 404 when absent. */
  must(id: string): T {
    const r = this.byId.get(id);
    if (!r) throw notFound(`${this.resourceType} ${id} not found`);
    return r;
  }

  /** O(1) lookup by unique key, case-insensitively (RFC 7643: userName is caseExact=false). */
  findByKey(key: string): T | undefined {
    const id = this.byKey.get(key.toLowerCase());
    return id === undefined ? undefined : this.byId.get(id);
  }

  /** Insertion-ordered ids of live resources (compacted; do not mutate). */
  ids(): readonly string[] {
    if (this.stale > 0) {
      this.order = this.order.filter((id) => this.byId.has(id));
      this.stale = 0;
    }
    return this.order;
  }

  all(): T[] {
    return this.ids().map((id) => this.byId.get(id)!);
  }

  /** Fresh meta for a new resource; `now` is shared by bulk seeding to avoid a Date per item. */
  newMeta(id: string, now: string): ScimMeta {
    return {
      resourceType: this.resourceType,
      created: now,
      lastModified: now,
      location: this.location(id),
      version: `W/"${++this.versionSeq}"`,
    };
  }

  newId(): string {
    return this.idPrefix + (++this.idSeq).toString(16).padStart(12, "0");
  }

  /** Inserts a resource whose id and meta are already set. 409 uniqueness on a duplicate key. */
  insert(r: T): T {
    const key = this.keyOf(r).toLowerCase();
    if (this.byKey.has(key)) throw conflict(`${this.resourceType} "${this.keyOf(r)}" already exists`);
    this.byId.set(r.id, r);
    this.byKey.set(key, r.id);
    this.order.push(r.id);
    return r;
  }

  /**
   * Replaces the stored resource `next.id` (PUT, PATCH result), keeping `created`, bumping the
   * version and lastModified. 409 when the new key belongs to another resource.
   */
  replace(next: T): T {
    const prev = this.must(next.id);
    const oldKey = this.keyOf(prev).toLowerCase();
    const newKey = this.keyOf(next).toLowerCase();
    if (newKey !== oldKey) {
      if (this.byKey.has(newKey)) throw conflict(`${this.resourceType} "${this.keyOf(next)}" already exists`);
      this.byKey.delete(oldKey);
      this.byKey.set(newKey, next.id);
    }
    next.meta = {
      ...prev.meta,
      lastModified: new Date().toISOString(),
      version: `W/"${++this.versionSeq}"`,
    };
    this.byId.set(next.id, next);
    return next;
  }

  delete(id: string): T {
    const r = this.must(id);
    this.byId.delete(id);
    this.byKey.delete(this.keyOf(r).toLowerCase());
    this.stale++;
    return r;
  }

  clear(): void {
    this.byId.clear();
    this.byKey.clear();
    this.order = [];
    this.stale = 0;
  }
}
