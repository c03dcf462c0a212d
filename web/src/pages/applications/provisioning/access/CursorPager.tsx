/**
 * Next/Previous paging over a keyset cursor (`after` = the last page's `nextCursor`), for lists
 * that must stay fast at 100,000 rows: each step costs one page on the server whatever the depth,
 * where a page number far down costs a walk over every row before it. The cursors of the pages
 * already seen are kept in a stack so Previous goes back without asking the server to count.
 */
import { Button, Group, Text } from "@mantine/core";
import { useState } from "react";

/** The cursor stack of one list, emptied whenever the search changes. */
export function useCursorPaging(search: string) {
  const [state, setState] = useState<{ search: string; stack: string[] }>({ search, stack: [] });
  const stack = state.search === search ? state.stack : [];
  return {
    /** The `after` of the page on screen; undefined on the first page. */
    after: stack.at(-1),
    /** 1-based number of the page on screen. */
    page: stack.length + 1,
    next: (cursor: string) => setState({ search, stack: [...stack, cursor] }),
    previous: () => setState({ search, stack: stack.slice(0, -1) }),
  };
}

export type CursorPaging = ReturnType<typeof useCursorPaging>;

/** "N users · page p of P" and the Previous/Next buttons under a table. */
export function CursorPager(props: {
  paging: CursorPaging;
  total: number;
  pageSize: number;
  nextCursor: string | null;
  noun: [one: string, many: string];
  loading: boolean;
}) {
  const { paging, total } = props;
  const pages = Math.max(1, Math.ceil(total / props.pageSize));
  const { nextCursor } = props;
  return (
    <Group justify="space-between" mt="md">
      <Text size="sm" c="dimmed" aria-live="polite">
        {total} {total === 1 ? props.noun[0] : props.noun[1]}
        {pages > 1 && ` · page ${Math.min(paging.page, pages)} of ${pages}`}
      </Text>
      {(pages > 1 || paging.page > 1) && (
        <Group gap="xs">
          <Button
            variant="default"
            size="xs"
            aria-label="Previous page"
            disabled={paging.page === 1 || props.loading}
            onClick={paging.previous}
          >
            ‹ Previous
          </Button>
          <Button
            variant="default"
            size="xs"
            aria-label="Next page"
            disabled={!nextCursor || paging.page >= pages || props.loading}
            onClick={() => nextCursor && paging.next(nextCursor)}
          >
            Next ›
          </Button>
        </Group>
      )}
    </Group>
  );
}
