import type { UseMutationResult } from "@tanstack/react-query";
import { useState } from "react";
import { useNotify } from "./notifications";

/** How {@link useConfirmDelete} deletes an item and what it tells the admin. */
export interface DeleteOptions<T> {
  /** A delete mutation taking the item's id. */
  mutation: UseMutationResult<void, Error, string>;
  /** The success toast, e.g. `Folder "Finance" deleted`. */
  deleted(item: T): string;
  /** The error toast's title, e.g. "Could not delete the folder". */
  errorTitle: string;
}

/**
 * The state of a delete confirmation: `ask(item)` opens it, `modal` is spread into a
 * `ConfirmModal`, whose confirm button deletes the item, toasts the outcome and closes.
 */
export function useConfirmDelete<T extends { id: string }>({
  mutation,
  deleted,
  errorTitle,
}: DeleteOptions<T>) {
  const [target, setTarget] = useState<T | null>(null);
  const notify = useNotify();
  const close = () => setTarget(null);
  const onConfirm = () => {
    if (!target) return;
    mutation.mutate(target.id, {
      onSuccess: () => notify.success(deleted(target)),
      onError: (err) => notify.error(err, errorTitle),
      onSettled: close,
    });
  };
  return {
    target,
    ask: (item: T) => setTarget(item),
    modal: { opened: target !== null, loading: mutation.isPending, onConfirm, onClose: close },
  };
}
