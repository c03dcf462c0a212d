import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import type { ListParams, Page, User, UserInput } from "./types";

export const usersKey = ["users"] as const;

export const listUsers = (p: ListParams) => api<Page<User>>("GET", "/users", { query: { ...p } });

export function useUsers(p: ListParams) {
  return useQuery({
    queryKey: [...usersKey, "list", p],
    queryFn: () => listUsers(p),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string) {
  return useQuery({ queryKey: [...usersKey, id], queryFn: () => api<User>("GET", `/users/${id}`) });
}

/** Every user write invalidates users and the derived access lists that show them. */
function useUserMutation<A, R>(fn: (arg: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: usersKey }),
        qc.invalidateQueries({ queryKey: ["applications"] }),
        qc.invalidateQueries({ queryKey: ["folders"] }),
      ]);
    },
  });
}

export const useCreateUser = () =>
  useUserMutation((input: UserInput) => api<User>("POST", "/users", { body: input }));

export const useUpdateUser = () =>
  useUserMutation(({ id, input }: { id: string; input: Partial<UserInput> }) =>
    api<User>("PATCH", `/users/${id}`, { body: input }),
  );

export const useDeleteUser = () => useUserMutation((id: string) => api<void>("DELETE", `/users/${id}`));

export const useSetUserActive = () =>
  useUserMutation(({ id, active }: { id: string; active: boolean }) =>
    api<User>("POST", `/users/${id}/${active ? "reactivate" : "deactivate"}`),
  );
