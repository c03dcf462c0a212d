import { resource, useLink, useSubList } from "./resource";
import type { AccessRow, Application, ApplicationInput, ListParams } from "./types";

/**
 * `/api/applications`; use it with the generic hooks of `./resource` (`useResourceList`,
 * `useCreate`, …). Application writes also change folder contents, so folder caches are refreshed too.
 */
export const applications = resource<Application, ApplicationInput>("applications", ["folders"]);

/** Users with effective access: `GET /api/applications/:id/access`. */
export const useApplicationAccess = (id: string, p: ListParams) =>
  useSubList<AccessRow, Application, ApplicationInput>(applications, "access", id, p);

/** Direct access: `PUT`/`DELETE /api/applications/:id/users/:userId`. */
export const useSetDirectAccess = () => useLink(applications, "users");
