import { formatInstant } from '../../lib/dates.js';
import { zoneOffsetMs } from '../calendar/working-time.js';
import { fitSms } from './sms-text.js';
import { citizenNotice, emailBodies, type NoticeContext } from './outbox.templates.js';
import {
  CITIZEN_CHANNELS,
  type CitizenChannel,
  type CitizenTemplate,
  type DossierRowLike,
  type DossierSnapshot,
  type EventContext,
  type LifecycleEvent,
  type PlanSettings,
  type PlannedMessage,
  type OutboxChannel,
  type PortalDocument,
} from './outbox.types.js';

/** Which event tells the citizen what (issue 12; domain A4 forms 01, 02, 04 and the stop notice). */
const CITIZEN_NOTICE_OF: Readonly<Record<string, CitizenTemplate>> = {
  received: 'intake',
  'request-supplement': 'supplement',
  apologize: 'apology',
  decide: 'result',
  'return-result': 'returned',
  withdraw: 'withdrawn',
};

/**
 * Events that change what the portal shows without a status change: the appointment, the handling
 * agency, and a deadline recomputed after a calendar change (domain B2: `dueAt` moved).
 */
const PORTAL_EXTRA_EVENTS = new Set(['apologize', 'transfer', 'deadline_recomputed']);

/** National channel codes (domain A3): 1 in person, 2 online, 3 postal. */
const CHANNEL_CODE: Readonly<Record<string, 1 | 2 | 3>> = { direct: 1, online: 2, postal: 3 };

const constantOffsets = new Map<string, number | null>();

/** The zone's offset at `t`; read once for a zone without daylight saving (Asia/Ho_Chi_Minh). */
function offsetAt(timeZone: string, t: number): number {
  let constant = constantOffsets.get(timeZone);
  if (constant === undefined) {
    const year = new Date(t).getUTCFullYear();
    const jan = zoneOffsetMs(timeZone, Date.UTC(year, 0, 1));
    constant = jan === zoneOffsetMs(timeZone, Date.UTC(year, 6, 1)) ? jan : null;
    constantOffsets.set(timeZone, constant);
  }
  return constant ?? zoneOffsetMs(timeZone, t);
}

function localDay(t: number, timeZone: string): number {
  return Math.floor((t + offsetAt(timeZone, t)) / 86_400_000);
}

/**
 * Domain B3 at the event instant: a decided or withdrawn dossier is early / on time / late against
 * `dueAt` (never moved by an apology); an open one is within time (paused counts as within) or overdue.
 */
export function timeliness(d: DossierSnapshot, at: Date, timeZone: string): PortalDocument['timeliness'] {
  const ended = d.finishedAt ?? d.withdrawnAt;
  if (ended) {
    if (ended > d.dueAt) return 'late';
    return localDay(ended.getTime(), timeZone) < localDay(d.dueAt.getTime(), timeZone) ? 'early' : 'on_time';
  }
  return d.pausedSince || at <= d.dueAt ? 'within' : 'overdue';
}

/**
 * One plan's instants in the zone: `iso` the ISO form with its offset, `when` "17:00 ngày 26/11/2026". Each
 * instant is formatted once (an intake's notices name two instants nine times; issue 12's cost).
 */
function planTimes(timeZone: string) {
  const formatted = new Map<number, string>();
  const iso = (d: Date | null): string | null => {
    if (!d) return null;
    const t = d.getTime();
    let text = formatted.get(t);
    if (text === undefined) formatted.set(t, (text = formatInstant(t, offsetAt(timeZone, t))));
    return text;
  };
  const when = (d: Date | null): string => {
    const text = iso(d);
    return text ? `${text.slice(11, 16)} ngày ${text.slice(8, 10)}/${text.slice(5, 7)}/${text.slice(0, 4)}` : '';
  };
  return { iso, when };
}

export function trackingUrl(baseUrl: string, code: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/tra-cuu/${encodeURIComponent(code)}`;
}

function portalDocument(
  event: LifecycleEvent,
  d: DossierSnapshot,
  settings: PlanSettings,
  eventId: string,
  iso: ReturnType<typeof planTimes>['iso'],
): PortalDocument {
  return {
    schema: 'motcua.dossier-status/1',
    eventId,
    sequence: event.seq,
    event: event.type,
    occurredAt: iso(event.at)!,
    sourceSystem: settings.portalSourceId,
    dossierCode: d.code,
    procedureCode: d.procedure.code,
    agencyElectronicId: d.agency.electronicId,
    receivingAgencyElectronicId: d.receivingAgency.electronicId,
    channel: CHANNEL_CODE[d.channel] ?? 1,
    status: d.status,
    receivedAt: iso(d.receivedAt)!,
    dueAt: iso(d.dueAt)!,
    promisedAt: iso(d.promisedAt),
    finishedAt: iso(d.finishedAt),
    returnedAt: iso(d.returnedAt),
    withdrawnAt: iso(d.withdrawnAt),
    outcome: d.outcome,
    timeliness: timeliness(d, event.at, settings.timeZone),
    supplementCount: d.supplementCount,
  };
}

/** The citizen's consented channels that are on and for which a contact is known. */
function citizenChannels(
  applicant: DossierSnapshot['applicant'],
  settings: PlanSettings,
  template: CitizenTemplate,
): Array<[CitizenChannel, string]> {
  const consent = new Set<string>(applicant.notify ?? settings.defaultConsent);
  const out: Array<[CitizenChannel, string]> = [];
  const phone = applicant.phone ? normalisePhone(applicant.phone) : undefined;
  if (consent.has('email') && settings.enabled.has('email') && applicant.email) out.push(['email', applicant.email]);
  if (consent.has('sms') && settings.enabled.has('sms') && phone) out.push(['sms', phone]);
  if (consent.has('zalo') && settings.enabled.has('zalo') && phone && settings.zaloTemplates[template])
    out.push(['zalo', phone]);
  return out;
}

/** The portal hears of every status change, and of the events in PORTAL_EXTRA_EVENTS. */
function portalHears(event: Pick<LifecycleEvent, 'type' | 'fromStatus' | 'toStatus'>, settings: PlanSettings): boolean {
  const statusChanged = event.type === 'received' || (event.fromStatus ?? null) !== (event.toStatus ?? null);
  return settings.enabled.has('portal') && (statusChanged || PORTAL_EXTRA_EVENTS.has(event.type));
}

/**
 * The channels `planMessages` plans the event for, without rendering anything: the write path records
 * them with the event (outbox.service `onEvent`), so consent and the channels on are those of the event's
 * instant and process, whoever plans the messages later.
 */
export function channelsOwed(
  event: Pick<LifecycleEvent, 'type' | 'fromStatus' | 'toStatus'>,
  applicant: DossierSnapshot['applicant'],
  settings: PlanSettings,
): OutboxChannel[] {
  const template = CITIZEN_NOTICE_OF[event.type];
  const channels: OutboxChannel[] = template ? citizenChannels(applicant, settings, template).map(([c]) => c) : [];
  if (portalHears(event, settings)) channels.push('portal');
  return channels;
}

/**
 * `settings` for planning a recorded event (`contextOf`): planning then gives exactly the recorded channels,
 * with the recorded ZNS template, whatever the channels, consent and templates of the planning process.
 * The links, SMS encoding and portal source id are the planning process's (a deployment's processes share
 * them: README, Operations).
 */
export function settingsFor(settings: PlanSettings, context: EventContext): PlanSettings {
  const template = CITIZEN_NOTICE_OF[context.event.type];
  return {
    ...settings,
    enabled: new Set(context.channels),
    defaultConsent: CITIZEN_CHANNELS,
    zaloTemplates: template && context.zaloTemplateId ? { [template]: context.zaloTemplateId } : {},
  };
}

const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
const dateOrNull = (s: string | null) => (s === null ? null : new Date(s));

/** The event data a notice reads (outbox.templates.ts): what is missing, why, how the result was returned. */
const NOTICE_DATA = ['reason', 'items', 'method'] as const;

/**
 * What the write path records of an event for its messages to be planned later (`EventContext`), or null
 * when it owes nobody anything (`channelsOwed`).
 */
export function contextOf(event: LifecycleEvent, d: DossierRowLike, settings: PlanSettings): EventContext | null {
  const a = d.applicant as DossierSnapshot['applicant'];
  const channels = channelsOwed(event, a, settings);
  if (channels.length === 0) return null;
  const citizen = channels.some((c) => c !== 'portal');
  let applicant: EventContext['dossier']['applicant'] = null;
  const data: Record<string, unknown> = {};
  if (citizen) {
    applicant = { name: a.name };
    if (a.phone !== undefined) applicant.phone = a.phone;
    if (a.email !== undefined) applicant.email = a.email;
    for (const key of NOTICE_DATA) if (event.data[key] !== undefined) data[key] = event.data[key];
  }
  const template = CITIZEN_NOTICE_OF[event.type];
  const zaloTemplateId = channels.includes('zalo') && template ? settings.zaloTemplates[template] : undefined;
  return {
    channels,
    ...(zaloTemplateId ? { zaloTemplateId } : {}),
    event: {
      seq: event.seq,
      type: event.type,
      at: event.at.toISOString(),
      fromStatus: event.fromStatus ?? null,
      toStatus: event.toStatus ?? null,
      data,
    },
    dossier: {
      status: d.status,
      channel: d.channel,
      procedureId: d.procedureId,
      agencyId: d.agencyId,
      receivingAgencyId: d.receivingAgencyId,
      applicant,
      receivedAt: d.receivedAt.toISOString(),
      dueAt: d.dueAt.toISOString(),
      promisedAt: isoOrNull(d.promisedAt),
      finishedAt: isoOrNull(d.finishedAt),
      returnedAt: isoOrNull(d.returnedAt),
      withdrawnAt: isoOrNull(d.withdrawnAt),
      pausedSince: isoOrNull(d.pausedSince),
      outcome: d.outcome,
      supplementCount: d.supplementCount,
    },
  };
}

/** The event and dossier snapshot a recorded context stands for, with what was read when planning. */
export function fromContext(
  context: EventContext,
  read: {
    dossierId: string;
    code: string;
    procedure: DossierSnapshot['procedure'];
    agency: DossierSnapshot['agency'];
    receivingAgency: DossierSnapshot['receivingAgency'];
  },
): { event: LifecycleEvent; dossier: DossierSnapshot } {
  const { event: e, dossier: d } = context;
  return {
    event: { ...e, at: new Date(e.at) },
    dossier: {
      id: read.dossierId,
      code: read.code,
      status: d.status,
      channel: d.channel,
      procedure: read.procedure,
      agency: read.agency,
      receivingAgency: read.receivingAgency,
      applicant: d.applicant ?? { name: '' },
      receivedAt: new Date(d.receivedAt),
      dueAt: new Date(d.dueAt),
      promisedAt: dateOrNull(d.promisedAt),
      finishedAt: dateOrNull(d.finishedAt),
      returnedAt: dateOrNull(d.returnedAt),
      withdrawnAt: dateOrNull(d.withdrawnAt),
      pausedSince: dateOrNull(d.pausedSince),
      outcome: d.outcome,
      supplementCount: d.supplementCount,
    },
  };
}

/** Vietnamese phone numbers in international form without `+`: "0912 345 678" → "84912345678". */
export function normalisePhone(phone: string): string | undefined {
  const digits = phone.replace(/[^\d+]/g, '').replace(/^\+/, '');
  const national = digits.startsWith('84') ? digits.slice(2) : digits.replace(/^0/, '');
  return /^\d{9,10}$/.test(national) ? `84${national}` : undefined;
}

/**
 * The messages one lifecycle event sends (pure: no clock, no I/O). The dossier is its state after
 * the event. Citizens hear of intake, supplement requests, apologies, decisions, return and
 * withdrawal on the channels they consented to at intake; the national portal gets a status
 * document on every status change. Keys are stable per dossier, event and channel, so planning the
 * same event again gives the same keys.
 */
export function planMessages(
  event: LifecycleEvent,
  dossier: DossierSnapshot,
  settings: PlanSettings,
): PlannedMessage[] {
  const messages: PlannedMessage[] = [];
  const key = (channel: string) => `${dossier.id}:${event.seq}:${channel}`;
  const base = { dossierId: dossier.id, eventSeq: event.seq };
  const times = planTimes(settings.timeZone);
  const template = CITIZEN_NOTICE_OF[event.type];
  if (template) {
    const url = trackingUrl(settings.publicBaseUrl, dossier.code);
    const ctx: NoticeContext = { dossier, event, trackingUrl: url, when: times.when };
    const notice = citizenNotice(template, ctx);
    for (const [channel, recipient] of citizenChannels(dossier.applicant, settings, template)) {
      const payload =
        channel === 'email'
          ? { subject: notice.subject, ...emailBodies(notice) }
          : channel === 'sms'
            ? { text: fitSms(notice.sms, settings.sms), unicode: settings.sms.unicode }
            : { templateId: settings.zaloTemplates[template]!, templateData: notice.zalo };
      messages.push({ ...base, channel, recipient, template, payload, idempotencyKey: key(channel) });
    }
  }
  if (portalHears(event, settings)) {
    const idempotencyKey = key('portal');
    messages.push({
      ...base,
      channel: 'portal',
      recipient: 'portal',
      template: 'portal-status',
      idempotencyKey,
      payload: { document: portalDocument(event, dossier, settings, idempotencyKey, times.iso) },
    });
  }
  return messages;
}
