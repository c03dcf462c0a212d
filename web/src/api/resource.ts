/**
 * The shared shapes of the console's data hooks. {@link resource} describes one REST collection
 * (`/applications`, `/folders`, `/users`) as plain fetchers; the module-level hooks below turn it
 * into paged list, item, sub-list and write hooks whose writes refresh the caches they affect.
 */
import {
  keepPreviousData,
  type QueryKey,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { api } from "./client";
import type { ListParams, Page } from "./types";

/** `GET path?search=&page=&pageSize=`. */
export const fetchPage = <T>(path: string, p: ListParams) => api<Page<T>>("GET", path, { query: { ...p } });

/**
 * A paged list under `[...key, params]`; the previous page stays on screen while the next loads.
 * `P` is the answer when a list says more than a page (a snapshot's `readAt`, a `nextCursor`);
 * `params` may carry a list's own filters besides search and paging.
 */
export function usePageQuery<T, P extends Page<T> = Page<T>>(
  key: QueryKey,
  path: string,
  params: ListParams,
) {
  return useQuery({
    queryKey: [...key, params],
    queryFn: () => api<P>("GET", path, { query: { ...params } }),
    placeholderData: keepPreviousData,
  });
}

/**
 * A mutation that invalidates every cache under `keys` once it succeeds — or once it ends either
 * way with `refreshOnError`, for writes whose refusal can still change what the server shows (an
 * action that finds its account or group gone in the target marks it so).
 */
export function useInvalidatingMutation<A, R>(
  keys: readonly QueryKey[],
  fn: (arg: A) => Promise<R>,
  opts: { refreshOnError?: boolean } = {},
) {
  const qc = useQueryClient();
  const refresh = async () => {
    await Promise.all(keys.map((queryKey) => qc.invalidateQueries({ queryKey })));
  };
  return useMutation({
    mutationFn: fn,
    ...(opts.refreshOnError ? { onSettled: refresh } : { onSuccess: refresh }),
  });
}

/** What a link write (`PUT`/`DELETE path/:id/sub/:targetId`) takes: `on` adds, otherwise removes. */
export interface LinkInput {
  id: string;
  targetId: string;
  on: boolean;
}

/** One REST collection: its cache key, path, the caches its writes make stale, and its fetchers. */
export interface Resource<T, I> {
  key: readonly [string];
  path: string;
  stale: readonly QueryKey[];
  list(p: ListParams): Promise<Page<T>>;
  get(id: string): Promise<T>;
  create(input: I): Promise<T>;
  update(arg: { id: string; input: Partial<I> }): Promise<T>;
  remove(id: string): Promise<void>;
}

/**
 * Describes `/api/{name}`; `alsoInvalidates` names other cache roots a write here makes stale
 * (derived counts, access lists).
 */
export function resource<T, I>(name: string, alsoInvalidates: readonly string[]): Resource<T, I> {
  const path = `/${name}`;
  return {
    key: [name],
    path,
    stale: [[name], ...alsoInvalidates.map((other) => [other])],
    list: (p) => fetchPage<T>(path, p),
    get: (id) => api<T>("GET", `${path}/${id}`),
    create: (input) => api<T>("POST", path, { body: input }),
    update: ({ id, input }) => api<T>("PATCH", `${path}/${id}`, { body: input }),
    remove: (id) => api<void>("DELETE", `${path}/${id}`),
  };
}

/** The collection's paged list, `["name", "list", params]`. */
export const useResourceList = <T, I>(r: Resource<T, I>, p: ListParams) =>
  usePageQuery<T>([...r.key, "list"], r.path, p);

/** One item, `["name", id]`. */
export const useResourceItem = <T, I>(r: Resource<T, I>, id: string) =>
  useQuery({ queryKey: [...r.key, id], queryFn: () => r.get(id) });

/** A paged sub-collection such as `/folders/:id/members`, `["folders", id, "members", params]`. */
export const useSubList = <S, T, I>(r: Resource<T, I>, sub: string, id: string, p: ListParams) =>
  usePageQuery<S>([...r.key, id, sub], `${r.path}/${id}/${sub}`, p);

/** Any write to the collection; it refreshes the collection and the caches it makes stale. */
export const useResourceWrite = <A, R, T, I>(r: Resource<T, I>, fn: (arg: A) => Promise<R>) =>
  useInvalidatingMutation(r.stale, fn);

/** `POST /name` with the input; answers the created item. */
export const useCreate = <T, I>(r: Resource<T, I>) => useResourceWrite(r, r.create);
/** `PATCH /name/:id` with `{ id, input }` (the fields to change). */
export const useUpdate = <T, I>(r: Resource<T, I>) => useResourceWrite(r, r.update);
/** `DELETE /name/:id` with the id. */
export const useDelete = <T, I>(r: Resource<T, I>) => useResourceWrite(r, r.remove);

/** Adds or removes a link, e.g. `PUT`/`DELETE /folders/:id/members/:userId`. */
export const useLink = <T, I>(r: Resource<T, I>, sub: string) =>
  useResourceWrite(r, ({ id, targetId, on }: LinkInput) =>
    api<void>(on ? "PUT" : "DELETE", `${r.path}/${id}/${sub}/${targetId}`),
  );
