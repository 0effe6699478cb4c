// The console's commands and events, typed. Each function is one Tauri command in
// src-tauri/src/main.rs; every type comes from the generated file.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type {
  AuditFilter,
  AuditSummary,
  AuditTrailPage,
  AuditVerification,
  CaseView,
  CloseTicket,
  DueCallback,
  NewAttempt,
  NewCallback,
  NewMessage,
  PendingAction,
  Ticket,
  ConsoleError,
  ConsoleStatus,
  QueuePage,
  QueueQuery,
  RegenerateRequest,
  ResendRequest,
  RevealedPhone,
  Shipment,
  SyncProgress,
  Typing,
  VerifyResponse,
} from "./generated/types";

export const startup = () => invoke<ConsoleStatus>("startup");
/** The queue's first page as the shell read it ahead at launch; null once taken, or when no
 *  cache opened without the agent. */
export const firstPage = () => invoke<QueuePage | null>("first_page");
/** The first queue row is on screen: the console logs its start-up time (once per run) and
 *  the steps marked on the way, each a name and a moment in ms since the Unix epoch. */
export const firstRowShown = (steps: [string, number][]) => invoke<void>("first_row_shown", { steps });
export const status = () => invoke<ConsoleStatus>("status");
export const signIn = (serverUrl: string, username: string, password: string) =>
  invoke<ConsoleStatus>("sign_in", { serverUrl, username, password });
export const syncNow = () => invoke<void>("sync_now");
/** Opens the locked cached cases with the agent's password, without the server. */
export const unlock = (password: string) => invoke<ConsoleStatus>("unlock", { password });
/** The full number of a callback's phone (online only, audited, never cached). */
export const revealPhone = (callbackId: string) => invoke<RevealedPhone>("reveal_phone", { callbackId });
export const queue = (query: QueueQuery) => invoke<QueuePage>("queue", { query });
export const openCase = (ticketId: string) => invoke<CaseView>("open_case", { ticketId });
export const resendPassword = (shipmentId: string, request: ResendRequest) =>
  invoke<Shipment>("resend_password", { shipmentId, request });
export const regeneratePassword = (shipmentId: string, request: RegenerateRequest) =>
  invoke<Shipment>("regenerate_password", { shipmentId, request });
/** The courier's hand-over screen: checks the code a recipient tells (courier accounts only). */
export const handOver = (shipmentId: string, code: string) =>
  invoke<VerifyResponse>("hand_over", { shipmentId, code });
// Replies, notes, call attempts and closes work offline too: the action is written to the
// outbox, the answer is the case showing it, and it is sent when the server is back. Online,
// a refusal rejects as before.
export const addMessage = (ticketId: string, message: NewMessage) =>
  invoke<Ticket>("add_message", { ticketId, message });
/** Tells the customer's page of a live chat that the agent is typing (best effort). */
export const typing = (ticketId: string) => invoke<void>("typing", { ticketId });
export const logCallback = (ticketId: string, callback: NewCallback) =>
  invoke<Ticket>("log_callback", { ticketId, callback });
export const logAttempt = (callbackId: string, attempt: NewAttempt) =>
  invoke<Ticket>("log_attempt", { callbackId, attempt });
export const closeCase = (ticketId: string, request: CloseTicket) =>
  invoke<Ticket>("close_case", { ticketId, request });
export const signOut = (wipe = false) => invoke<ConsoleStatus>("sign_out", { wipe });
/** Every action in the outbox, waiting or refused, oldest first. */
export const outbox = () => invoke<PendingAction[]>("outbox");
/** Drops an action from the outbox (one the server refused, after the agent read why). */
export const discardAction = (seq: number) => invoke<void>("discard_action", { seq });

// The lead view (leads and admins; anyone else gets `lead_only`), read from the cached trail.
/** A page of the trail, oldest first; the next one starts at `next_cursor`. */
export const auditTrail = (filter: AuditFilter) => invoke<AuditTrailPage>("audit_trail", { filter });
/** The chart's counts and the flags of the entries `filter` matches. */
export const auditSummary = (filter: AuditFilter) => invoke<AuditSummary>("audit_summary", { filter });
/** Verifies the cached chain on this computer, up to the last signed checkpoint. */
export const verifyAudit = () => invoke<AuditVerification>("verify_audit");
/** Writes the filtered trail as CSV where the lead picks: the file's path, null when they cancel. */
export const exportAudit = (filter: AuditFilter) => invoke<string | null>("export_audit", { filter });

export const onSyncProgress = (f: (p: SyncProgress) => void): Promise<UnlistenFn> =>
  listen<SyncProgress>("sync-progress", (e) => f(e.payload));
export const onStatus = (f: (s: ConsoleStatus) => void): Promise<UnlistenFn> =>
  listen<ConsoleStatus>("status", (e) => f(e.payload));

/** Callbacks that just fell due (each is announced once, with a desktop notification). */
export const onCallbacksDue = (f: (due: DueCallback[]) => void): Promise<UnlistenFn> =>
  listen<DueCallback[]>("callbacks-due", (e) => f(e.payload));

/** A customer typing in a live chat, pushed by the server. */
export const onCustomerTyping = (f: (t: Typing) => void): Promise<UnlistenFn> =>
  listen<Typing>("customer-typing", (e) => f(e.payload));
