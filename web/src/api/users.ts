import { api } from "./client";
import { resource, useResourceWrite } from "./resource";
import type { User, UserInput } from "./types";

/**
 * `/api/users`; use it with the generic hooks of `./resource`. Every user write invalidates users
 * and the derived access lists that show them.
 */
export const users = resource<User, UserInput>("users", ["applications", "folders"]);

/** `POST /api/users/:id/deactivate` or `…/reactivate`. */
export const useSetUserActive = () =>
  useResourceWrite(users, ({ id, active }: { id: string; active: boolean }) =>
    api<User>("POST", `/users/${id}/${active ? "reactivate" : "deactivate"}`),
  );
