/**
 * The Activity tab's chart: SCIM operations and failures over the last 24 hours in hourly buckets
 * (GET …/activity/stats, aggregated by the server), drawn as inline SVG bars so admins see a burst
 * of failures before they read the log. The SVG is one image whose label states the totals; each
 * bucket has a hover title.
 */
import { Group, Loader, Paper, Text } from "@mantine/core";
import { type ActivityBucket, useActivityStats } from "../../../../api/activity";
import { QueryError } from "../../../../components/QueryError";

const HOURS = 24;
const BUCKETS = 24;
const WIDTH = 720;
const HEIGHT = 120;
const COLORS = { total: "var(--mantine-color-blue-5)", failed: "var(--mantine-color-red-6)" };

const hour = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
const count = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** "14:00–15:00: 12 operations, 2 failed". */
const bucketTitle = (b: ActivityBucket) =>
  `${hour(b.start)}–${hour(b.end)}: ${count(b.total, "operation", "operations")}, ${b.failed.toLocaleString()} failed`;

export function ActivityChart({ appId }: { appId: string }) {
  const stats = useActivityStats(appId, HOURS, BUCKETS);
  if (stats.isPending) return <Loader size="sm" aria-label="Loading the chart" />;
  if (stats.isError) return <QueryError error={stats.error} title="Could not load the chart" />;
  const { buckets, total, failed } = stats.data;
  const max = Math.max(1, ...buckets.map((b) => b.total));
  const slot = WIDTH / buckets.length;
  const bar = Math.max(1, slot / 2 - 2);
  const height = (n: number) => (n / max) * (HEIGHT - 4);
  const label = `SCIM operations in the last ${HOURS} hours: ${count(total, "operation", "operations")}, ${failed.toLocaleString()} failed`;

  return (
    <Paper withBorder p="sm">
      <Group justify="space-between" mb={4}>
        <Text size="sm" fw={600}>
          Last {HOURS} hours
        </Text>
        <Group gap="md" aria-hidden>
          <Legend color={COLORS.total} text={`Operations (${total.toLocaleString()})`} />
          <Legend color={COLORS.failed} text={`Failures (${failed.toLocaleString()})`} />
        </Group>
      </Group>
      <svg
        role="img"
        aria-label={label}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        height={HEIGHT}
        preserveAspectRatio="none"
      >
        <line x1={0} x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} stroke="var(--mantine-color-gray-4)" />
        {buckets.map((b, i) => (
          <g key={b.start}>
            <title>{bucketTitle(b)}</title>
            <rect x={i * slot} y={0} width={slot} height={HEIGHT} fill="transparent" />
            <rect
              x={i * slot + 1}
              y={HEIGHT - height(b.total)}
              width={bar}
              height={height(b.total)}
              fill={COLORS.total}
            />
            <rect
              x={i * slot + 1 + bar}
              y={HEIGHT - height(b.failed)}
              width={bar}
              height={height(b.failed)}
              fill={COLORS.failed}
            />
          </g>
        ))}
      </svg>
      <Group justify="space-between" aria-hidden>
        <Text size="xs" c="dimmed">
          {buckets[0] ? hour(buckets[0].start) : ""}
        </Text>
        <Text size="xs" c="dimmed">
          now
        </Text>
      </Group>
    </Paper>
  );
}

function Legend({ color, text }: { color: string; text: string }) {
  return (
    <Group gap={6}>
      <span style={{ width: 10, height: 10, background: color, display: "inline-block", borderRadius: 2 }} />
      <Text size="xs">{text}</Text>
    </Group>
  );
}
