/**
 * Toasts built from Mantine's `Notification` (the @mantine/notifications package is not a
 * dependency yet; see web/NEEDED_DEPS.txt). `useNotify()` shows one for a few seconds.
 */
import { Notification, Portal, Stack } from "@mantine/core";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { errorMessage } from "../api/client";

interface Toast {
  id: number;
  color: "green" | "red";
  title: string;
  message: string;
}

interface Notify {
  success(message: string): void;
  error(error: unknown, title?: string): void;
}

const NotifyContext = createContext<Notify | null>(null);

let nextId = 1;

export function NotificationsProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const push = useCallback(
    (toast: Omit<Toast, "id">, ms: number) => {
      const id = nextId++;
      setToasts((all) => [...all.slice(-2), { ...toast, id }]);
      window.setTimeout(() => dismiss(id), ms);
    },
    [dismiss],
  );
  const notify = useMemo<Notify>(
    () => ({
      success: (message) => push({ color: "green", title: "Done", message }, 3000),
      error: (error, title = "Something went wrong") =>
        push({ color: "red", title, message: errorMessage(error) }, 8000),
    }),
    [push],
  );
  return (
    <NotifyContext.Provider value={notify}>
      {children}
      <Portal>
        <Stack
          gap="xs"
          pos="fixed"
          bottom={16}
          right={16}
          w={360}
          style={{ zIndex: 1000 }}
          aria-live="polite"
        >
          {toasts.map((t) => (
            <Notification
              key={t.id}
              color={t.color}
              title={t.title}
              role={t.color === "red" ? "alert" : "status"}
              onClose={() => dismiss(t.id)}
              withBorder
            >
              {t.message}
            </Notification>
          ))}
        </Stack>
      </Portal>
    </NotifyContext.Provider>
  );
}

export function useNotify(): Notify {
  const ctx = useContext(NotifyContext);
  if (!ctx) throw new Error("useNotify must be used inside <NotificationsProvider>");
  return ctx;
}
