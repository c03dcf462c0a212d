/**
 * How a user has access to an application, one badge per way ("Direct", "Folder: {name}" linking to
 * the folder), from an access row's `via`: the application's Overview and its Access sub-tab.
 */
import { Badge, Group } from "@mantine/core";
import { Link } from "react-router-dom";
import type { AccessVia } from "../api/types";

export function AccessViaBadges({ via }: { via: AccessVia[] }) {
  return (
    <Group gap={6}>
      {via.map((v) =>
        v.type === "direct" ? (
          <Badge key="direct" variant="light" tt="none">
            Direct
          </Badge>
        ) : (
          <Badge
            key={v.folderId}
            variant="light"
            color="grape"
            tt="none"
            component={Link}
            to={`/folders/${v.folderId}`}
            style={{ cursor: "pointer" }}
          >
            Folder: {v.name}
          </Badge>
        ),
      )}
    </Group>
  );
}
