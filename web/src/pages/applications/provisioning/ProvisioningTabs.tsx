import { Tabs, Tooltip } from "@mantine/core";
import { useState } from "react";
import type { Application } from "../../../api/types";
import { LockIcon } from "../../../components/LockIcon";
import { ConfigurationPanel } from "./ConfigurationPanel";

/**
 * The Provisioning sub-tabs, in the order of the product spec, plus Activity. Until a SCIM
 * connection works (it arrives with the provisioning module) only Configuration is open.
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
  const [tab, setTab] = useState<string | null>("configuration");
  // No connection can exist yet: the provisioning module brings `GET …/provisioning/connection`.
  const connected = false;

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
    </Tabs>
  );
}
