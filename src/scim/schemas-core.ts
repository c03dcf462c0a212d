/**
 * RFC 7643 core schemas shipped as data (§4.1 User, §4.2 Group, §4.3 Enterprise User), used when a
 * target has no `/Schemas` or serves a broken one. Abridged to the attributes provisioning uses,
 * with the RFC's types, mutability and multi-valued flags.
 */
import { SCHEMA_ENTERPRISE_USER, SCHEMA_GROUP, SCHEMA_USER } from "./types.js";
import type { ResourceType, SchemaAttribute, ScimSchema } from "./wire.js";

const str = (name: string, extra: Partial<SchemaAttribute> = {}): SchemaAttribute => ({
  name,
  type: "string",
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: "readWrite",
  returned: "default",
  uniqueness: "none",
  ...extra,
});
const bool = (name: string): SchemaAttribute => ({ ...str(name), type: "boolean" });
const complex = (name: string, subAttributes: SchemaAttribute[], multiValued = false): SchemaAttribute => ({
  ...str(name),
  type: "complex",
  multiValued,
  subAttributes,
});
const multi = (name: string, types: string[]): SchemaAttribute =>
  complex(
    name,
    [str("value"), str("display"), str("type", { canonicalValues: types }), bool("primary")],
    true,
  );

/** RFC 7643 §4.1. */
export const CORE_USER_SCHEMA: ScimSchema = {
  id: SCHEMA_USER,
  name: "User",
  description: "User Account",
  attributes: [
    str("userName", { required: true, uniqueness: "server" }),
    complex("name", [
      str("formatted"),
      str("familyName"),
      str("givenName"),
      str("middleName"),
      str("honorificPrefix"),
      str("honorificSuffix"),
    ]),
    str("displayName"),
    str("nickName"),
    str("profileUrl", { type: "reference", referenceTypes: ["external"] }),
    str("title"),
    str("userType"),
    str("preferredLanguage"),
    str("locale"),
    str("timezone"),
    bool("active"),
    str("password", { mutability: "writeOnly", returned: "never" }),
    multi("emails", ["work", "home", "other"]),
    multi("phoneNumbers", ["work", "home", "mobile", "fax", "pager", "other"]),
    complex(
      "addresses",
      ["formatted", "streetAddress", "locality", "region", "postalCode", "country", "type"].map((n) =>
        str(n),
      ),
      true,
    ),
    complex(
      "groups",
      [str("value", { mutability: "readOnly" }), str("display", { mutability: "readOnly" })],
      true,
    ),
  ],
};

/** RFC 7643 §4.2. */
export const CORE_GROUP_SCHEMA: ScimSchema = {
  id: SCHEMA_GROUP,
  name: "Group",
  description: "Group",
  attributes: [
    str("displayName", { required: true }),
    complex(
      "members",
      [
        str("value", { mutability: "immutable" }),
        str("display"),
        str("$ref", { type: "reference", referenceTypes: ["User", "Group"], mutability: "immutable" }),
        str("type", { canonicalValues: ["User", "Group"], mutability: "immutable" }),
      ],
      true,
    ),
  ],
};

/** RFC 7643 §4.3. */
export const ENTERPRISE_USER_SCHEMA: ScimSchema = {
  id: SCHEMA_ENTERPRISE_USER,
  name: "EnterpriseUser",
  description: "Enterprise User",
  attributes: [
    str("employeeNumber"),
    str("costCenter"),
    str("organization"),
    str("division"),
    str("department"),
    complex("manager", [
      str("value"),
      str("$ref", { type: "reference" }),
      str("displayName", { mutability: "readOnly" }),
    ]),
  ],
};

export const CORE_SCHEMAS: readonly ScimSchema[] = [
  CORE_USER_SCHEMA,
  CORE_GROUP_SCHEMA,
  ENTERPRISE_USER_SCHEMA,
];

/** RFC 7643 §8.6 example resource types. */
export const CORE_RESOURCE_TYPES: readonly ResourceType[] = [
  {
    id: "User",
    name: "User",
    endpoint: "/Users",
    schema: SCHEMA_USER,
    schemaExtensions: [{ schema: SCHEMA_ENTERPRISE_USER, required: false }],
  },
  { id: "Group", name: "Group", endpoint: "/Groups", schema: SCHEMA_GROUP },
];
