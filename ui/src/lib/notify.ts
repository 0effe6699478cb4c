// Desktop notifications for callbacks that fall due (docs/product.md §4), one each, in the agent's
// language. A desktop without a notification service just shows the in-app banner.
import {
  isPermissionGranted,
  requestPermission,
  sendNotification,
} from "@tauri-apps/plugin-notification";
import type { DueCallback } from "./generated/types";
import { t } from "./i18n/index.svelte";

let allowed: Promise<boolean> | null = null;

async function permitted(): Promise<boolean> {
  if (await isPermissionGranted()) return true;
  return (await requestPermission()) === "granted";
}

export async function notifyDue(callbacks: DueCallback[]): Promise<void> {
  try {
    allowed ??= permitted();
    if (!(await allowed)) return;
    for (const d of callbacks) {
      sendNotification({
        title: t("due.notification_title", { customer: d.customer_name }),
        body: t("due.notification_body", { ticket: d.ticket_id, subject: d.subject }),
      });
    }
  } catch (e) {
    allowed = null;
    console.warn("no desktop notification", e);
  }
}
