/**
 * The four events × three modes of the Settings tab: one radio group per event, labelled with the
 * spec's event name, each mode explained in the spec's words. Native radios: arrow keys move the
 * choice within an event, Tab moves to the next event.
 */
import { Paper, Radio, SimpleGrid, Stack } from "@mantine/core";
import { type Mode, SETTINGS_EVENTS, type SettingsEvent } from "../../../../api/settings";
import { EVENT_LABELS, MODE_LABELS, modeText } from "./wording";

const MODES: Mode[] = ["manual", "notification", "automatic"];

export function EventModes(props: {
  modes: Record<SettingsEvent, Mode>;
  onChange(event: SettingsEvent, mode: Mode): void;
}) {
  return (
    <Stack gap="sm">
      {SETTINGS_EVENTS.map((event) => (
        <Paper key={event} withBorder p="md">
          <Radio.Group
            label={EVENT_LABELS[event]}
            value={props.modes[event]}
            onChange={(value) => props.onChange(event, value as Mode)}
            name={`mode-${event}`}
            styles={{ label: { fontWeight: 600, marginBottom: 8 } }}
          >
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
              {MODES.map((mode) => (
                <Radio
                  key={mode}
                  value={mode}
                  label={MODE_LABELS[mode]}
                  description={modeText(mode, event)}
                />
              ))}
            </SimpleGrid>
          </Radio.Group>
        </Paper>
      ))}
    </Stack>
  );
}
