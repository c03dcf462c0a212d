import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api } from "./client";
import type { Me } from "./types";

export const meKey = ["auth", "me"] as const;

/** The signed-in admin, or `null` when the session is missing or expired (401). */
export async function getMe(): Promise<Me | null> {
  try {
    return await api<Me>("GET", "/auth/me");
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export function meEmail(me: Me | null | undefined): string {
  return me?.admin.email ?? me?.admin.name ?? "";
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: getMe, staleTime: 60_000, retry: false });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) =>
      api<unknown>("POST", "/auth/login", { body: input }),
    onSuccess: async () => {
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== "auth" });
      await qc.invalidateQueries({ queryKey: meKey });
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<unknown>("POST", "/auth/logout"),
    onSettled: () => {
      qc.clear();
      qc.setQueryData(meKey, null);
    },
  });
}
