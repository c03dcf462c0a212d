import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import type { Application, Folder, FolderInput, ListParams, Page, User } from "./types";

export const foldersKey = ["folders"] as const;

export const listFolders = (p: ListParams) => api<Page<Folder>>("GET", "/folders", { query: { ...p } });

export function useFolders(p: ListParams) {
  return useQuery({
    queryKey: [...foldersKey, "list", p],
    queryFn: () => listFolders(p),
    placeholderData: keepPreviousData,
  });
}

export function useFolder(id: string) {
  return useQuery({ queryKey: [...foldersKey, id], queryFn: () => api<Folder>("GET", `/folders/${id}`) });
}

export function useFolderMembers(id: string, p: ListParams) {
  return useQuery({
    queryKey: [...foldersKey, id, "members", p],
    queryFn: () => api<Page<User>>("GET", `/folders/${id}/members`, { query: { ...p } }),
    placeholderData: keepPreviousData,
  });
}

export function useFolderApplications(id: string, p: ListParams) {
  return useQuery({
    queryKey: [...foldersKey, id, "applications", p],
    queryFn: () => api<Page<Application>>("GET", `/folders/${id}/applications`, { query: { ...p } }),
    placeholderData: keepPreviousData,
  });
}

/** Folder writes change effective access, so application access lists are refreshed too. */
function useFolderMutation<A, R>(fn: (arg: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: foldersKey }),
        qc.invalidateQueries({ queryKey: ["applications"] }),
      ]);
    },
  });
}

export const useCreateFolder = () =>
  useFolderMutation((input: FolderInput) => api<Folder>("POST", "/folders", { body: input }));

export const useUpdateFolder = () =>
  useFolderMutation(({ id, input }: { id: string; input: Partial<FolderInput> }) =>
    api<Folder>("PATCH", `/folders/${id}`, { body: input }),
  );

export const useDeleteFolder = () => useFolderMutation((id: string) => api<void>("DELETE", `/folders/${id}`));

export const useSetFolderMember = () =>
  useFolderMutation(({ id, userId, member }: { id: string; userId: string; member: boolean }) =>
    api<void>(member ? "PUT" : "DELETE", `/folders/${id}/members/${userId}`),
  );

export const useSetFolderApplication = () =>
  useFolderMutation(({ id, appId, member }: { id: string; appId: string; member: boolean }) =>
    api<void>(member ? "PUT" : "DELETE", `/folders/${id}/applications/${appId}`),
  );
