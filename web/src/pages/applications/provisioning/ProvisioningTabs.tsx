import { Tabs, Tooltip } from "@mantine/core";
import type { ComponentType } from "react";
import { useSearchParams } from "react-router-dom";
import { useConnection } from "../../../api/provisioning";
import type { Application } from "../../../api/types";
import { LockIcon } from "../../../components/LockIcon";
import { AccessPanel } from "./AccessPanel";
import { AccountsPanel } from "./AccountsPanel";
import { ActivityPanel } from "./ActivityPanel";
import { ConfigurationPanel } from "./ConfigurationPanel";
import { FoldersPanel } from "./FoldersPanel";
import { GroupsPanel } from "./GroupsPanel";
import { SchemaPanel } from "./SchemaPanel";
import { SettingsPanel } from "./SettingsPanel";

/**
 * The Provisioning sub-tabs, in the order of the product spec, plus Activity. Until the SCIM
 * connection is "connected" (GET …/provisioning/connection) only Configuration is open. The open
 * sub-tab is kept in `?sub=` so a link (or a ticket) can point at it.
 */
export const provisioningTabs: {
  value: string;
  label: string;
  Panel: ComponentType<{ app: Application }>;
}[] = [
  { value: "configuration", label: "Configuration", Panel: ConfigurationPanel },
  { value: "accounts", label: "Accounts", Panel: AccountsPanel },
  { value: "access", label: "Access", Panel: AccessPanel },
  { value: "groups", label: "Groups", Panel: GroupsPanel },
  { value: "folders", label: "Folders", Panel: FoldersPanel },
  { value: "schema", label: "Schema", Panel: SchemaPanel },
  { value: "settings", label: "Settings", Panel: SettingsPanel },
  { value: "activity", label: "Activity", Panel: ActivityPanel },
];

const LOCKED_HINT = "Connect a SCIM endpoint first";

export function ProvisioningTabs({ app }: { app: Application }) {
  const [params, setParams] = useSearchParams();
  const sub = params.get("sub");
  const selected = provisioningTabs.some((t) => t.value === sub) ? sub : "configuration";
  const setTab = (value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set("sub", value ?? "configuration");
        return next;
      },
      { replace: true },
    );
  // Shares its cache with the Configuration panel: a Save or Disconnect there relocks or unlocks here.
  const connected = useConnection(app.id).data?.status === "connected";
  // A tab that got locked again (after Disconnect) falls back to Configuration.
  const tab = connected ? selected : "configuration";

  return (
    <Tabs value={tab} onChange={setTab} variant="outline">
      <Tabs.List aria-label="Provisioning sections">
        {provisioningTabs.map((t) => {
          const locked = !connected && t.value !== "configuration";
          const button = (
            <Tabs.Tab
              key={t.value}
              value={t.value}
              disabled={locked}
              rightSection={locked ? <LockIcon /> : undefined}
              title={locked ? LOCKED_HINT : undefined}
            >
              {t.label}
            </Tabs.Tab>
          );
          return locked ? (
            <Tooltip key={t.value} label={LOCKED_HINT} withArrow>
              {button}
            </Tooltip>
          ) : (
            button
          );
        })}
      </Tabs.List>
      {provisioningTabs.map(({ value, Panel }) => (
        // Only the open panel is mounted: a hidden tab does not poll or fetch.
        <Tabs.Panel key={value} value={value} pt="md">
          {tab === value && <Panel app={app} />}
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
