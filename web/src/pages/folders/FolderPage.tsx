import { Anchor, Breadcrumbs, Loader, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link, useParams } from "react-router-dom";
import { useFolder } from "../../api/folders";
import { QueryError } from "../../components/QueryError";
import { FolderApplicationsSection } from "./FolderApplicationsSection";
import { FolderDetailsForm } from "./FolderDetailsForm";
import { FolderMembersSection } from "./FolderMembersSection";

/** `/folders/:id`: details, member users and contained applications. */
export function FolderPage() {
  const { id = "" } = useParams();
  const { data: folder, error, isPending } = useFolder(id);

  if (isPending) return <Loader aria-label="Loading" />;
  if (error || !folder) return <QueryError error={error ?? new Error("Folder not found")} />;

  return (
    <Stack>
      <Breadcrumbs>
        <Anchor component={Link} to="/folders">
          Folders
        </Anchor>
        <Text>{folder.name}</Text>
      </Breadcrumbs>
      <Title order={2}>{folder.name}</Title>
      <FolderDetailsForm folder={folder} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <FolderMembersSection folder={folder} />
        <FolderApplicationsSection folder={folder} />
      </SimpleGrid>
    </Stack>
  );
}
