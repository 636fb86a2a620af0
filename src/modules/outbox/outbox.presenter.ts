import { formatInstant } from '../../lib/dates.js';
import { zoneOffsetMs } from '../calendar/working-time.js';
import type { DeliveryRow, OutboxRow } from './outbox.repository.js';

export type Iso = (d: Date | null) => string | null;

export function isoFormatter(timeZone: string): Iso {
  return (d) => (d ? formatInstant(d.getTime(), zoneOffsetMs(timeZone, d.getTime())) : null);
}

/** Contact data shown masked: "m***@example.vn", "8491*****78". */
export function maskRecipient(channel: string, recipient: string): string {
  if (channel === 'portal') return recipient;
  if (channel === 'email') {
    const [local = '', domain = ''] = recipient.split('@');
    return `${local.slice(0, 1)}***@${domain}`;
  }
  return recipient.length > 6
    ? `${recipient.slice(0, 4)}${'*'.repeat(recipient.length - 6)}${recipient.slice(-2)}`
    : '***';
}

export function presentMessage(m: OutboxRow, iso: Iso) {
  return {
    id: m.id,
    channel: m.channel,
    recipient: maskRecipient(m.channel, m.recipient),
    template: m.template,
    dossierId: m.dossierId,
    eventSeq: m.eventSeq,
    idempotencyKey: m.idempotencyKey,
    status: m.status,
    attempts: m.attempts,
    nextAttemptAt: m.status === 'pending' ? iso(m.nextAttemptAt) : null,
    lastError: m.lastError,
    createdAt: iso(m.createdAt),
    sentAt: iso(m.sentAt),
  };
}

export function presentDelivery(d: DeliveryRow, iso: Iso) {
  return {
    attempt: d.attempt,
    startedAt: iso(d.startedAt),
    durationMs: d.durationMs,
    outcome: d.outcome,
    statusCode: d.statusCode,
    error: d.error,
  };
}

/** What the citizen was sent, for the dossier's detail: the notice, the channel, and when. */
export function presentSent(m: OutboxRow, iso: Iso) {
  const payload = m.payload as { subject?: string; text?: string };
  return {
    id: m.id,
    channel: m.channel,
    template: m.template,
    recipient: maskRecipient(m.channel, m.recipient),
    summary: payload.subject ?? payload.text ?? null,
    status: m.status,
    attempts: m.attempts,
    createdAt: iso(m.createdAt),
    sentAt: iso(m.sentAt),
  };
}
