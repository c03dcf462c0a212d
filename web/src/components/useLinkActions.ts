import type { UseMutationResult } from "@tanstack/react-query";
import type { LinkInput } from "../api/resource";
import type { PickerOption } from "./EntityPicker";
import { useNotify } from "./notifications";

/** How {@link useLinkActions} links items to one owner and what it tells the admin. */
export interface LinkOptions<R> {
  /** A link mutation from `createResource(...).useLink(sub)`. */
  mutation: UseMutationResult<void, Error, LinkInput>;
  /** The owner's id (the folder, the application). */
  id: string;
  /** The success toast after adding the picked option. */
  added(label: string): string;
  /** The success toast after removing a row. */
  removed(row: R): string;
  addError: string;
  removeError: string;
}

/** Add (from a picker option) and remove (a listed row) for a link list, with toasts. */
export function useLinkActions<R>(opts: LinkOptions<R>, rowKey: (row: R) => string) {
  const notify = useNotify();
  const { mutation, id } = opts;
  return {
    adding: mutation.isPending,
    add: (option: PickerOption, done: () => void) =>
      mutation.mutate(
        { id, targetId: option.value, on: true },
        {
          onSuccess: () => {
            notify.success(opts.added(option.label));
            done();
          },
          onError: (err) => notify.error(err, opts.addError),
        },
      ),
    remove: (row: R) =>
      mutation.mutate(
        { id, targetId: rowKey(row), on: false },
        {
          onSuccess: () => notify.success(opts.removed(row)),
          onError: (err) => notify.error(err, opts.removeError),
        },
      ),
  };
}
