import { Alert, Anchor } from "@mantine/core";
import { Link } from "react-router-dom";

export function NotFoundPage() {
  return (
    <Alert color="yellow" title="Page not found">
      Nothing lives at this address.{" "}
      <Anchor component={Link} to="/applications">
        Back to applications
      </Anchor>
    </Alert>
  );
}
