/** SCIM error responses, RFC 7644 §3.12. */

export const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

/** `scimType` values of RFC 7644 Table 9, plus RFC 9865's cursor errors. */
export type ScimType =
  | "invalidFilter"
  | "tooMany"
  | "uniqueness"
  | "mutability"
  | "invalidSyntax"
  | "invalidPath"
  | "noTarget"
  | "invalidValue"
  | "invalidVers"
  | "sensitive"
  | "invalidCursor"
  | "invalidCount";

/** Thrown anywhere in request handling; the server's error handler turns it into a SCIM error body. */
export class ScimHttpError extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly scimType?: ScimType,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

/** The SCIM error body: `{schemas, status (a string), scimType?, detail}`. */
export function errorBody(status: number, detail: string, scimType?: string) {
  return {
    schemas: [ERROR_SCHEMA],
    status: String(status),
    ...(scimType ? { scimType } : {}),
    detail,
  };
}

export const badRequest = (scimType: ScimType, detail: string) => new ScimHttpError(400, detail, scimType);
export const notFound = (detail: string) => new ScimHttpError(404, detail);
export const conflict = (detail: string) => new ScimHttpError(409, detail, "uniqueness");
