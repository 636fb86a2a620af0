import type { SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import type { OUTBOX_CHANNELS, OUTBOX_STATUSES } from '../../db/schema/outbox.js';
import { NOTIFY_CHANNELS, type NotifyChannel } from '../../lib/values.js';

export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Channels a citizen may consent to at intake (`applicant.notify`). */
export const CITIZEN_CHANNELS = NOTIFY_CHANNELS;
export type CitizenChannel = NotifyChannel;

/** Which citizen notice a message carries (Vietnamese texts in outbox.templates.ts). */
export type CitizenTemplate = 'intake' | 'supplement' | 'apology' | 'result' | 'returned' | 'withdrawn';
export type Template = CitizenTemplate | 'portal-status';

/** A lifecycle event as the dossier module appends it (`dossier_events` row shape). */
export interface LifecycleEvent {
  seq: number;
  type: string;
  at: Date;
  fromStatus?: string | null;
  toStatus?: string | null;
  data: Record<string, unknown>;
}

/** What the planner needs to know of a dossier, after the event was applied. */
export interface DossierSnapshot {
  id: string;
  code: string;
  status: string;
  channel: string;
  procedure: { code: string; name: string };
  agency: { name: string; electronicId: string };
  receivingAgency: { name: string; electronicId: string };
  applicant: { name: string; phone?: string; email?: string; notify?: readonly string[] };
  receivedAt: Date;
  dueAt: Date;
  promisedAt: Date | null;
  finishedAt: Date | null;
  returnedAt: Date | null;
  withdrawnAt: Date | null;
  pausedSince: Date | null;
  outcome: string | null;
  supplementCount: number;
}

export interface EmailPayload {
  subject: string;
  text: string;
  html: string;
}
export interface SmsPayload {
  text: string;
  unicode: boolean;
}
export interface ZaloPayload {
  templateId: string;
  templateData: Record<string, string>;
}
export interface PortalPayload {
  document: PortalDocument;
}

/** The national-portal status document (format in docs/integration.md). */
export interface PortalDocument {
  schema: 'motcua.dossier-status/1';
  eventId: string;
  sequence: number;
  event: string;
  occurredAt: string;
  sourceSystem: string;
  dossierCode: string;
  procedureCode: string;
  agencyElectronicId: string;
  receivingAgencyElectronicId: string;
  channel: 1 | 2 | 3;
  status: string;
  receivedAt: string;
  dueAt: string;
  promisedAt: string | null;
  finishedAt: string | null;
  returnedAt: string | null;
  withdrawnAt: string | null;
  outcome: string | null;
  timeliness: 'early' | 'on_time' | 'late' | 'within' | 'overdue';
  supplementCount: number;
}

export type Payload = EmailPayload | SmsPayload | ZaloPayload | PortalPayload;

/** One message to write into the outbox. */
export interface PlannedMessage {
  channel: OutboxChannel;
  recipient: string;
  template: Template;
  payload: Payload;
  idempotencyKey: string;
  dossierId: string;
  eventSeq: number;
}

/** The settings the planner reads (a slice of Config, see `planSettings`). */
export interface PlanSettings {
  publicBaseUrl: string;
  timeZone: string;
  /** Channels turned on; a channel off produces no message at all. */
  enabled: ReadonlySet<OutboxChannel>;
  sms: { unicode: boolean; maxLength: number };
  /** ZNS template id per notice; a notice without one is not sent by Zalo. */
  zaloTemplates: Partial<Record<CitizenTemplate, string>>;
  portalSourceId: string;
  /**
   * Channels used for an applicant whose intake stated no `applicant.notify` (consent taken on the
   * paper form, OUTBOX_DEFAULT_CONSENT); empty = such applicants hear nothing.
   */
  defaultConsent: readonly CitizenChannel[];
}

/**
 * The listener registered with `services.dossiers.onEvent` (docs/write-path.md step 6): called inside
 * the event's transaction as the event is appended, with the dossier as the event leaves it. It returns
 * the statement that records what the event owes (an `outbox_events` row), which the write path runs
 * with the event's insert; the dispatcher plans the messages later, with the dossier's code (at intake
 * the code is taken after the listeners run: domain B6).
 */
export type DossierEventHook = (
  tx: Tx,
  event: LifecycleEvent,
  dossier: DossierRowLike,
  who: 'staff' | 'import' | 'citizen' | 'system',
) => Promise<SQL | null>;

/**
 * What an event's messages are planned from (`outbox_events.context`, JSON): the channels it owes a
 * message on (consent, the channels on and the ZNS template, as at the event), the event, and the
 * dossier as the event left it, instants as ISO strings. Not in it, read when planned: the dossier's code
 * (taken after the event at intake) and the names and electronic ids of its procedure and agencies. Only
 * what a notice uses of the applicant and of the event's data, and only when a citizen is told: the
 * portal's document needs neither.
 */
export interface EventContext {
  channels: OutboxChannel[];
  /** The ZNS template id of the notice, when Zalo is owed (ZALO_TEMPLATE_<NOTICE> at the event). */
  zaloTemplateId?: string;
  event: {
    seq: number;
    type: string;
    at: string;
    fromStatus: string | null;
    toStatus: string | null;
    data: Record<string, unknown>;
  };
  dossier: {
    status: string;
    channel: string;
    procedureId: string;
    agencyId: string;
    receivingAgencyId: string;
    /** Null when only the portal is owed. */
    applicant: { name: string; phone?: string; email?: string } | null;
    receivedAt: string;
    dueAt: string;
    promisedAt: string | null;
    finishedAt: string | null;
    returnedAt: string | null;
    withdrawnAt: string | null;
    pausedSince: string | null;
    outcome: string | null;
    supplementCount: number;
  };
}

/** The columns of a `dossiers` row the hook reads (structural, so this module does not import the dossier repository). */
export interface DossierRowLike {
  id: string;
  code: string;
  status: string;
  channel: string;
  procedureId: string;
  agencyId: string;
  receivingAgencyId: string;
  applicant: unknown;
  receivedAt: Date;
  dueAt: Date;
  promisedAt: Date | null;
  finishedAt: Date | null;
  returnedAt: Date | null;
  withdrawnAt: Date | null;
  pausedSince: Date | null;
  outcome: string | null;
  supplementCount: number;
}
