import { Anchor, Breadcrumbs, Loader, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router-dom";
import { type Resource, useResourceItem } from "../api/resource";
import { QueryError } from "./QueryError";

interface EntityPageProps<T, I> {
  /** The collection the route's `:id` is looked up in. */
  resource: Resource<T, I>;
  /** The list page the breadcrumb leads back to. */
  parent: { label: string; to: string };
  /** The message when the server answers without the item. */
  notFound: string;
  /** The item's name, the last breadcrumb. */
  name(item: T): string;
  /** The rest of the page, under the breadcrumbs. */
  children(item: T): ReactNode;
}

/** The frame of an item page (`/…/:id`): a loader, the load error, or breadcrumbs "List / Name" and the page. */
export function EntityPage<T, I>({ resource, parent, notFound, name, children }: EntityPageProps<T, I>) {
  const { id = "" } = useParams();
  const { data: item, error, isPending } = useResourceItem(resource, id);
  if (isPending) return <Loader aria-label="Loading" />;
  if (error || !item) return <QueryError error={error ?? new Error(notFound)} />;
  return (
    <Stack>
      <Breadcrumbs>
        {/* Breadcrumbs styles its direct children: the anchor must not be wrapped. */}
        <Anchor component={Link} to={parent.to}>
          {parent.label}
        </Anchor>
        <Text>{name(item)}</Text>
      </Breadcrumbs>
      {children(item)}
    </Stack>
  );
}
