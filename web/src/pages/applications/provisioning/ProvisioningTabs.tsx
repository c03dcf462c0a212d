import { Tabs, Text, Tooltip } from "@mantine/core";
import { useState } from "react";
import { useConnection } from "../../../api/provisioning";
import type { Application } from "../../../api/types";
import { LockIcon } from "../../../components/LockIcon";
import { ConfigurationPanel } from "./ConfigurationPanel";

/**
 * The Provisioning sub-tabs, in the order of the product spec, plus Activity. Until the SCIM
 * connection is "connected" (GET …/provisioning/connection) only Configuration is open.
 */
export const provisioningTabs = [
  { value: "configuration", label: "Configuration" },
  { value: "accounts", label: "Accounts" },
  { value: "access", label: "Access" },
  { value: "groups", label: "Groups" },
  { value: "folders", label: "Folders" },
  { value: "schema", label: "Schema" },
  { value: "settings", label: "Settings" },
  { value: "activity", label: "Activity" },
] as const;

const LOCKED_HINT = "Connect a SCIM endpoint first";

export function ProvisioningTabs({ app }: { app: Application }) {
  const [selected, setTab] = useState<string | null>("configuration");
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
      <Tabs.Panel value="configuration" pt="md">
        <ConfigurationPanel app={app} />
      </Tabs.Panel>
      {provisioningTabs.slice(1).map((t) => (
        <Tabs.Panel key={t.value} value={t.value} pt="md">
          {/* Placeholder: each section's contents are built separately. */}
          <Text c="dimmed">The {t.label} section is not available yet.</Text>
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
