import { useFolderMembers, useSetFolderMember } from "../../api/folders";
import type { Folder, User } from "../../api/types";
import { users } from "../../api/users";
import { DimmedCell, LinkCell } from "../../components/cells";
import { userOption } from "../users/userOption";
import { type FolderLinkConfig, FolderLinkSection } from "./FolderLinkSection";

const name = (u: User) => u.displayName || u.email;

const members: FolderLinkConfig<User> = {
  title: "Members",
  noun: "member",
  useItems: useFolderMembers,
  useLink: useSetFolderMember,
  columns: [
    {
      header: "Name",
      cell: (u) => <LinkCell to={`/users?search=${encodeURIComponent(u.email)}`}>{name(u)}</LinkCell>,
    },
    { header: "Email", cell: (u) => <DimmedCell>{u.email}</DimmedCell> },
  ],
  rowName: name,
  emptyText: "This folder has no members yet.",
  picker: { label: "Add a member", queryKey: "users", fetchPage: users.list, toOption: userOption },
};

/** The folder's member users: `GET/PUT/DELETE /api/folders/:id/members[/:userId]`. */
export function FolderMembersSection({ folder }: { folder: Folder }) {
  return <FolderLinkSection folder={folder} config={members} />;
}
