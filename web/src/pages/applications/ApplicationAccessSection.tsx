import { useApplicationAccess, useSetDirectAccess } from "../../api/applications";
import type { AccessRow, Application, User } from "../../api/types";
import { users } from "../../api/users";
import { AccessViaBadges } from "../../components/AccessViaBadges";
import { AssignmentSection } from "../../components/AssignmentSection";
import { LinkCell } from "../../components/cells";
import { useListState } from "../../components/ListControls";
import { userOption } from "../users/userOption";

const name = (row: AccessRow) => row.user.displayName || row.user.email;

/** Users with effective access to the application, and direct assignment/removal. */
export function ApplicationAccessSection({ app }: { app: Application }) {
  const list = useListState();
  return (
    <AssignmentSection<AccessRow, User>
      title="Access"
      tableLabel="Users with access"
      list={list}
      query={useApplicationAccess(app.id, list.params)}
      columns={[
        {
          header: "User",
          cell: (row) => (
            <LinkCell to={`/users?search=${encodeURIComponent(row.user.email)}`}>{name(row)}</LinkCell>
          ),
        },
        { header: "Email", cell: (row) => row.user.email },
        { header: "Access", cell: (row) => <AccessViaBadges via={row.via} /> },
      ]}
      rowKey={(row) => row.user.id}
      rowName={name}
      emptyText="No user has access to this application yet."
      picker={{
        label: "Assign a user",
        placeholder: "Search users",
        queryKey: "users",
        fetchPage: users.list,
        toOption: userOption,
      }}
      addLabel="Assign"
      link={{
        mutation: useSetDirectAccess(),
        id: app.id,
        added: (label) => `${label} has direct access to ${app.name}`,
        removed: (row) => `Direct access of ${row.user.email} removed`,
        addError: "Could not assign the user",
        removeError: "Could not remove the access",
      }}
      removeLabel="Remove direct access"
      canRemove={(row) => row.via.some((v) => v.type === "direct")}
    />
  );
}
