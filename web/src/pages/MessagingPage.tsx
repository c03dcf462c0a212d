import { Alert, Title } from "@mantine/core";

/** The messaging inbox; tickets arrive with the provisioning policy (a later issue). */
export function MessagingPage() {
  return (
    <>
      <Title order={2} mb="md">
        Messaging
      </Title>
      <Alert color="gray" title="No tickets yet">
        Tickets will appear here.
      </Alert>
    </>
  );
}
