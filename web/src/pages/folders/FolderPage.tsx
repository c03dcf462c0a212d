import { SimpleGrid, Title } from "@mantine/core";
import { folders } from "../../api/folders";
import { EntityPage } from "../../components/EntityPage";
import { FolderApplicationsSection } from "./FolderApplicationsSection";
import { FolderDetailsForm } from "./FolderDetailsForm";
import { FolderMembersSection } from "./FolderMembersSection";

/** `/folders/:id`: details, member users and contained applications. */
export function FolderPage() {
  return (
    <EntityPage
      resource={folders}
      parent={{ label: "Folders", to: "/folders" }}
      notFound="Folder not found"
      name={(folder) => folder.name}
    >
      {(folder) => (
        <>
          <Title order={2}>{folder.name}</Title>
          <FolderDetailsForm folder={folder} />
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <FolderMembersSection folder={folder} />
            <FolderApplicationsSection folder={folder} />
          </SimpleGrid>
        </>
      )}
    </EntityPage>
  );
}
