import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import type { AccessRow, Application, ApplicationInput, ListParams, Page } from "./types";

export const applicationsKey = ["applications"] as const;

export const listApplications = (p: ListParams) =>
  api<Page<Application>>("GET", "/applications", { query: { ...p } });

export function useApplications(p: ListParams) {
  return useQuery({
    queryKey: [...applicationsKey, "list", p],
    queryFn: () => listApplications(p),
    placeholderData: keepPreviousData,
  });
}

export function useApplication(id: string) {
  return useQuery({
    queryKey: [...applicationsKey, id],
    queryFn: () => api<Application>("GET", `/applications/${id}`),
  });
}

export function useApplicationAccess(id: string, p: ListParams) {
  return useQuery({
    queryKey: [...applicationsKey, id, "access", p],
    queryFn: () => api<Page<AccessRow>>("GET", `/applications/${id}/access`, { query: { ...p } }),
    placeholderData: keepPreviousData,
  });
}

function useApplicationMutation<A, R>(fn: (arg: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: applicationsKey }),
        qc.invalidateQueries({ queryKey: ["folders"] }),
      ]);
    },
  });
}

export const useCreateApplication = () =>
  useApplicationMutation((input: ApplicationInput) =>
    api<Application>("POST", "/applications", { body: input }),
  );

export const useUpdateApplication = () =>
  useApplicationMutation(({ id, input }: { id: string; input: Partial<ApplicationInput> }) =>
    api<Application>("PATCH", `/applications/${id}`, { body: input }),
  );

export const useDeleteApplication = () =>
  useApplicationMutation((id: string) => api<void>("DELETE", `/applications/${id}`));

/** Direct access: `PUT`/`DELETE /api/applications/:id/users/:userId`. */
export const useSetDirectAccess = () =>
  useApplicationMutation(({ id, userId, granted }: { id: string; userId: string; granted: boolean }) =>
    api<void>(granted ? "PUT" : "DELETE", `/applications/${id}/users/${userId}`),
  );
