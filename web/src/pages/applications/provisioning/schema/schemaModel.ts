/**
 * Reading the target's discovery documents for the Schema sub-tab: which schemas describe Users and
 * Groups (RFC 7643 §6 resource types, else the core URNs), their attributes flattened for the
 * summary tables, and the target paths a mapping can write (RFC 7644 §3.10 notation, as the
 * server's src/provisioning/mapping/paths.ts parses them).
 */
import type { SchemaView, ScimAttribute, ScimSchema } from "../../../../api/schema";

export const CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
export const CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

const same = (a: string | undefined, b: string) => a?.toLowerCase() === b.toLowerCase();

/** The schemas of one resource type: its core schema first, then its extensions. */
export interface ResourceSchemas {
  core: ScimSchema | undefined;
  extensions: ScimSchema[];
}

/**
 * The schemas of the "User" or "Group" resource type. Without resource types, Users get every
 * schema that is neither core schema (extensions such as the Enterprise User), Groups none.
 */
export function resourceSchemas(view: SchemaView, kind: "User" | "Group"): ResourceSchemas {
  const coreUrn = kind === "User" ? CORE_USER : CORE_GROUP;
  const byId = (id: string) => view.schemas.find((s) => same(s.id, id));
  const type = view.resourceTypes.find((t) => same(t.name ?? t.id, kind) || same(t.schema, coreUrn));
  const core = byId(type?.schema ?? coreUrn);
  const extensions = type?.schemaExtensions
    ? type.schemaExtensions.map((e) => byId(e.schema)).filter((s): s is ScimSchema => s !== undefined)
    : kind === "User"
      ? view.schemas.filter((s) => !same(s.id, CORE_USER) && !same(s.id, CORE_GROUP))
      : [];
  return { core, extensions };
}

/** One line of the attribute summary: `name` or `name.subAttribute`. */
export interface AttributeRow {
  path: string;
  attribute: ScimAttribute;
  isSub: boolean;
}

/** Every attribute of a schema with its sub-attributes right after it. */
export function attributeRows(schema: ScimSchema): AttributeRow[] {
  return (schema.attributes ?? []).flatMap((a) => [
    { path: a.name, attribute: a, isSub: false },
    ...(a.subAttributes ?? []).map((s) => ({ path: `${a.name}.${s.name}`, attribute: s, isSub: true })),
  ]);
}

const writable = (a: ScimAttribute) => a.mutability?.toLowerCase() !== "readonly";

/** Paths of one attribute: `title`, `name.givenName`, `emails[type eq "work"].value`. */
function pathsOf(a: ScimAttribute): string[] {
  if (!writable(a)) return [];
  const subs = (a.subAttributes ?? []).filter(writable);
  if (a.multiValued) {
    const type = a.subAttributes?.find((s) => same(s.name, "type"));
    if (!type) return [];
    const types = type.canonicalValues?.length ? type.canonicalValues : ["work"];
    const leaves = subs.filter((s) => !same(s.name, "type") && !same(s.name, "primary"));
    return types.flatMap((t) => leaves.map((s) => `${a.name}[type eq ${JSON.stringify(t)}].${s.name}`));
  }
  if (a.type?.toLowerCase() === "complex" || subs.length > 0) return subs.map((s) => `${a.name}.${s.name}`);
  return [a.name];
}

/**
 * The writable User paths a mapping can target, core first (with `externalId`, a common attribute
 * no schema declares, RFC 7643 §3.1), then each extension's prefixed by its URN.
 */
export function userTargetPaths(view: SchemaView): string[] {
  const { core, extensions } = resourceSchemas(view, "User");
  const paths = ["externalId", ...(core?.attributes ?? []).flatMap(pathsOf)];
  for (const ext of extensions) {
    for (const p of (ext.attributes ?? []).flatMap(pathsOf)) paths.push(`${ext.id}:${p}`);
  }
  return [...new Set(paths)];
}
