import type { Behaviour } from "./profiles.js";
import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from "./schemas.js";

/** Discovery documents, RFC 7643 §5–§7 / RFC 7644 §4, trimmed to what the simulator implements. */

type Attr = Record<string, unknown>;

/** A schema attribute with RFC 7643 §7 defaults; `sub` makes it complex. */
function attr(name: string, o: Partial<Attr> & { sub?: Attr[] } = {}): Attr {
  const { sub, ...rest } = o;
  return {
    name,
    type: sub ? "complex" : "string",
    multiValued: false,
    required: false,
    caseExact: false,
    mutability: "readWrite",
    returned: "default",
    uniqueness: "none",
    ...(sub ? { subAttributes: sub } : {}),
    ...rest,
  };
}

const multi = (name: string) =>
  attr(name, {
    multiValued: true,
    sub: [attr("value"), attr("display"), attr("type"), attr("primary", { type: "boolean" })],
  });

const userAttributes = [
  attr("userName", { required: true, uniqueness: "server" }),
  attr("name", {
    sub: ["formatted", "familyName", "givenName", "middleName", "honorificPrefix", "honorificSuffix"].map(
      (n) => attr(n),
    ),
  }),
  ...[
    "displayName",
    "nickName",
    "profileUrl",
    "title",
    "userType",
    "preferredLanguage",
    "locale",
    "timezone",
  ].map((n) => attr(n)),
  attr("active", { type: "boolean" }),
  attr("password", { mutability: "writeOnly", returned: "never" }),
  ...["emails", "phoneNumbers", "ims", "photos", "entitlements", "roles", "x509Certificates"].map(multi),
  attr("addresses", {
    multiValued: true,
    sub: ["formatted", "streetAddress", "locality", "region", "postalCode", "country", "type"].map((n) =>
      attr(n),
    ),
  }),
];

const groupAttributes = [
  attr("displayName", { required: true, uniqueness: "server" }),
  attr("members", {
    multiValued: true,
    sub: [
      attr("value", { mutability: "immutable" }),
      attr("display", { mutability: "readOnly" }),
      attr("$ref", { type: "reference", referenceTypes: ["User", "Group"], mutability: "immutable" }),
      attr("type", { mutability: "immutable", canonicalValues: ["User", "Group"] }),
    ],
  }),
];

const enterpriseAttributes = [
  ...["employeeNumber", "costCenter", "organization", "division", "department"].map((n) => attr(n)),
  attr("manager", { sub: [attr("value"), attr("$ref", { type: "reference" }), attr("displayName")] }),
];

/** The /Schemas resources, each with `meta`. */
export function schemas(base: string): Attr[] {
  const s = (id: string, name: string, attributes: Attr[]) => ({
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
    id,
    name,
    description: `${name} schema`,
    attributes,
    meta: { resourceType: "Schema", location: `${base}/Schemas/${id}` },
  });
  return [
    s(USER_SCHEMA, "User", userAttributes),
    s(GROUP_SCHEMA, "Group", groupAttributes),
    s(ENTERPRISE_SCHEMA, "EnterpriseUser", enterpriseAttributes),
  ];
}

/** The /ResourceTypes resources. */
export function resourceTypes(base: string): Attr[] {
  const rt = (id: string, endpoint: string, schema: string, ext?: string) => ({
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
    id,
    name: id,
    endpoint,
    description: id,
    schema,
    ...(ext ? { schemaExtensions: [{ schema: ext, required: false }] } : {}),
    meta: { resourceType: "ResourceType", location: `${base}/ResourceTypes/${id}` },
  });
  return [rt("User", "/Users", USER_SCHEMA, ENTERPRISE_SCHEMA), rt("Group", "/Groups", GROUP_SCHEMA)];
}

/** /ServiceProviderConfig, reflecting the profile (patch support, page sizes, cursor pagination). */
export function serviceProviderConfig(base: string, b: Behaviour, authSchemes: Attr[]): Attr {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
    documentationUri: "https://datatracker.ietf.org/doc/html/rfc7644",
    patch: { supported: b.patch },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: b.maxPageSize },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    // RFC 9865 §5: advertise the pagination methods on offer.
    pagination: {
      cursor: b.cursorPagination,
      index: true,
      defaultPaginationMethod: b.cursorPagination ? "cursor" : "index",
      defaultPageSize: b.maxPageSize,
      maxPageSize: b.maxPageSize,
      cursorTimeout: 3600,
    },
    authenticationSchemes: authSchemes,
    meta: { resourceType: "ServiceProviderConfig", location: `${base}/ServiceProviderConfig` },
  };
}
