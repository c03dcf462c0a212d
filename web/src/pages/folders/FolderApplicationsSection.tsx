import { applications } from "../../api/applications";
import { useFolderApplications, useSetFolderApplication } from "../../api/folders";
import type { Application, Folder } from "../../api/types";
import { DimmedCell, LinkCell } from "../../components/cells";
import { type FolderLinkConfig, FolderLinkSection } from "./FolderLinkSection";

const contained: FolderLinkConfig<Application> = {
  title: "Applications",
  noun: "application",
  useItems: useFolderApplications,
  useLink: useSetFolderApplication,
  columns: [
    { header: "Name", cell: (a) => <LinkCell to={`/applications/${a.id}`}>{a.name}</LinkCell> },
    { header: "URL", cell: (a) => <DimmedCell>{a.url ?? ""}</DimmedCell> },
  ],
  rowName: (a) => a.name,
  emptyText: "This folder contains no applications yet.",
  picker: {
    label: "Add an application",
    queryKey: "applications",
    fetchPage: applications.list,
    toOption: (a) => ({ value: a.id, label: a.name }),
  },
};

/** The folder's applications: `GET/PUT/DELETE /api/folders/:id/applications[/:appId]`. */
export function FolderApplicationsSection({ folder }: { folder: Folder }) {
  return <FolderLinkSection folder={folder} config={contained} />;
}
