import { Anchor, Group, Stack, Tabs, Title } from "@mantine/core";
import { useSearchParams } from "react-router-dom";
import { applications } from "../../api/applications";
import { EntityPage } from "../../components/EntityPage";
import { ApplicationAccessSection } from "./ApplicationAccessSection";
import { ApplicationDetailsForm } from "./ApplicationDetailsForm";
import { ProvisioningTabs } from "./provisioning/ProvisioningTabs";

/** `/applications/:id`: Overview (details and access) and Provisioning; the tab is kept in `?tab=`. */
export function ApplicationPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") === "provisioning" ? "provisioning" : "overview";

  return (
    <EntityPage
      resource={applications}
      parent={{ label: "Applications", to: "/applications" }}
      notFound="Application not found"
      name={(app) => app.name}
    >
      {(app) => (
        <>
          <Group justify="space-between">
            <div>
              <Title order={2}>{app.name}</Title>
              {app.url && (
                <Anchor href={app.url} target="_blank" rel="noreferrer" size="sm">
                  {app.url}
                </Anchor>
              )}
            </div>
          </Group>
          <Tabs
            value={tab}
            onChange={(value) =>
              setParams(value === "provisioning" ? { tab: "provisioning" } : {}, { replace: true })
            }
          >
            <Tabs.List aria-label="Application sections">
              <Tabs.Tab value="overview">Overview</Tabs.Tab>
              <Tabs.Tab value="provisioning">Provisioning</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="overview" pt="md">
              <Stack gap="xl">
                <ApplicationDetailsForm app={app} />
                <ApplicationAccessSection app={app} />
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="provisioning" pt="md">
              <ProvisioningTabs app={app} />
            </Tabs.Panel>
          </Tabs>
        </>
      )}
    </EntityPage>
  );
}
