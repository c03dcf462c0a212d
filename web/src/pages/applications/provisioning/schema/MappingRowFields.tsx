/**
 * One line of the attribute mapping editor: what fills the value (a SmartLink attribute or a
 * constant), and the SCIM attribute it goes to, offered from the target's schema but free to type
 * (filters like `emails[type eq "home"].value` are valid too). The server's issues show under the
 * target.
 */
import { ActionIcon, Autocomplete, Select, Table, TextInput } from "@mantine/core";
import { USER_FIELDS } from "../../../../api/schema";
import { type MappingRow, rowProblem, SOURCE_KINDS, type SourceKind } from "./mappingRows";

interface Props {
  row: MappingRow;
  position: number;
  targets: string[];
  sourceIssues: string[] | undefined;
  targetIssues: string[] | undefined;
  onChange(row: MappingRow): void;
  onRemove(): void;
}

function RemoveIcon() {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden
    >
      <path d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3" />
    </svg>
  );
}

function SourceValue({
  row,
  position,
  onChange,
  sourceIssues,
}: Omit<Props, "targets" | "targetIssues" | "onRemove">) {
  const set = (value: string) => onChange({ ...row, value });
  const error = sourceIssues?.join(" ");
  if (row.kind === "attribute") {
    return (
      <Autocomplete
        aria-label={`SmartLink attribute of row ${position}`}
        placeholder="email, or attributes.<key>"
        data={[...USER_FIELDS]}
        value={row.value}
        onChange={set}
        error={error}
      />
    );
  }
  if (row.kind === "boolean") {
    return (
      <Select
        aria-label={`Constant of row ${position}`}
        data={["true", "false"]}
        value={row.value}
        onChange={(v) => set(v ?? "true")}
        allowDeselect={false}
        error={error}
      />
    );
  }
  return (
    <TextInput
      aria-label={`Constant of row ${position}`}
      placeholder={row.kind === "number" ? "A number" : "Text sent as is"}
      inputMode={row.kind === "number" ? "decimal" : undefined}
      value={row.value}
      error={rowProblem(row) ?? error}
      onChange={(e) => set(e.currentTarget.value)}
    />
  );
}

export function MappingRowFields(props: Props) {
  const { row, position, targets, targetIssues, onChange, onRemove } = props;
  const changeKind = (kind: SourceKind) =>
    onChange({ ...row, kind, value: kind === "boolean" ? "true" : kind === row.kind ? row.value : "" });
  return (
    <Table.Tr>
      <Table.Td w={200} style={{ verticalAlign: "top" }}>
        <Select
          aria-label={`Source of row ${position}`}
          data={SOURCE_KINDS}
          value={row.kind}
          onChange={(v) => changeKind((v as SourceKind | null) ?? "attribute")}
          allowDeselect={false}
        />
      </Table.Td>
      <Table.Td w={240} style={{ verticalAlign: "top" }}>
        <SourceValue row={row} position={position} onChange={onChange} sourceIssues={props.sourceIssues} />
      </Table.Td>
      <Table.Td style={{ verticalAlign: "top" }}>
        <Autocomplete
          aria-label={`SCIM attribute of row ${position}`}
          placeholder="Search the target's attributes"
          data={targets}
          limit={50}
          maxDropdownHeight={280}
          value={row.target}
          onChange={(target) => onChange({ ...row, target })}
          error={targetIssues?.join(" ")}
          styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
        />
      </Table.Td>
      <Table.Td w={48} style={{ verticalAlign: "top" }}>
        <ActionIcon
          variant="subtle"
          color="red"
          size="lg"
          aria-label={`Remove row ${position}${row.target ? ` (${row.target})` : ""}`}
          onClick={onRemove}
        >
          <RemoveIcon />
        </ActionIcon>
      </Table.Td>
    </Table.Tr>
  );
}
