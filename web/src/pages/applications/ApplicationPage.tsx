import { Anchor, Breadcrumbs, Group, Loader, Stack, Tabs, Text, Title } from "@mantine/core";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { useApplication } from "../../api/applications";
import { QueryError } from "../../components/QueryError";
import { ApplicationAccessSection } from "./ApplicationAccessSection";
import { ApplicationDetailsForm } from "./ApplicationDetailsForm";
import { ProvisioningTabs } from "./provisioning/ProvisioningTabs";

/** `/applications/:id`: Overview (details and access) and Provisioning; the tab is kept in `?tab=`. */
export function ApplicationPage() {
  const { id = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") === "provisioning" ? "provisioning" : "overview";
  const { data: app, error, isPending } = useApplication(id);

  if (isPending) return <Loader aria-label="Loading" />;
  if (error || !app) return <QueryError error={error ?? new Error("Application not found")} />;

  return (
    <Stack>
      <Breadcrumbs>
        <Anchor component={Link} to="/applications">
          Applications
        </Anchor>
        <Text>{app.name}</Text>
      </Breadcrumbs>
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
    </Stack>
  );
}
