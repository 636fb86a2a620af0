import { AppError } from '../../http/errors.js';
import { formatInstant } from '../../lib/dates.js';
import type { Layout } from '../../lib/pdf/kit.js';
import type { Actor } from '../auth/roles.js';
import { zoneOffsetMs } from '../calendar/working-time.js';
import type { AgencyView, Directory, DossierAccess, DossierView, EventView } from './documents.access.js';
import { renderReceipt, trackingUrl } from './forms/receipt.js';
import { renderApology, renderRefusal, renderSupplementRequest } from './forms/letters.js';
import {
  receiverOf,
  renderControlSlip,
  renderTrackingBook,
  trackingBookXlsx,
  type BookLine,
  type Handover,
} from './forms/registers.js';
import { localMidnight, nextDay, type RefusalService } from './refusal.service.js';

/** Longest tracking-book range: one year of a unit's register. */
export const BOOK_MAX_DAYS = 366;

/** Events that start a step; their actor handed the dossier over (form 05 "bên giao"). */
const HANDOVER_EVENTS = new Set(['received', 'forward', 'send-back', 'transfer']);

export interface DocumentsDeps {
  dossiers: DossierAccess;
  directory: Directory;
  refusals: RefusalService;
  publicBaseUrl: string;
  timeZone: string;
}

export type DocumentsService = ReturnType<typeof createDocumentsService>;

/** The papers a one-stop unit hands out or files (domain A4, forms 01–06), from the data held. */
export function createDocumentsService(deps: DocumentsDeps) {
  const { dossiers, directory } = deps;

  /** Agencies of one paper, each read once. */
  function agencyCache() {
    const seen = new Map<string, Promise<AgencyView>>();
    return (id: string) => {
      let hit = seen.get(id);
      if (!hit) seen.set(id, (hit = directory.agency(id)));
      return hit;
    };
  }

  const actorOf = (events: EventView[], type: string) => events.find((e) => e.type === type)?.actorId ?? null;
  const nameOf = async (id: string | null) => (id ? ((await directory.staffNames([id])).get(id) ?? null) : null);

  /** The chosen event of a type (by seq), else its latest; 409 when the dossier has none yet. */
  function eventOf(events: EventView[], type: string, seq?: number): EventView {
    const found = events.filter((e) => e.type === type && (seq === undefined || e.seq === seq));
    const event = found[found.length - 1];
    if (!event?.at) throw new AppError('DOCUMENT_NOT_AVAILABLE', { event: type });
    return event;
  }

  async function handovers(
    d: DossierView,
    events: EventView[],
    agency: (id: string) => Promise<AgencyView>,
  ): Promise<Handover[]> {
    const people = [...d.steps.map((s) => s.assigneeId), ...events.map((e) => e.actorId)].filter(
      (x): x is string => x !== null,
    );
    const names = await directory.staffNames(people);
    const receiving = await agency(d.receivingAgencyId ?? d.agencyId);
    const out: Handover[] = [];
    // A counter step happens at the one-stop unit, whatever agency the step row names.
    const placeOf = async (s: DossierView['steps'][number]) =>
      s.role === 'receptionist' ? receiving.name : (await agency(s.agencyId)).name;
    for (const [i, s] of d.steps.entries()) {
      const starter = events.filter((e) => HANDOVER_EVENTS.has(e.type) && e.at === s.startedAt).pop();
      const previous = d.steps[i - 1];
      const giverName = starter?.actorId ? names.get(starter.actorId) : undefined;
      // Form 05 row 1: the applicant hands the dossier to the one-stop unit.
      const giver = previous
        ? giverName
          ? `${giverName} (${await placeOf(previous)})`
          : await placeOf(previous)
        : `${d.applicant.name} (người nộp hồ sơ)`;
      out.push({
        step: s.name,
        giver,
        receiver: receiverOf(s, await placeOf(s), names),
        handedAt: s.startedAt,
        dueAt: s.dueAt,
        finishedAt: s.finishedAt,
        classification: s.classification,
        note: s.note,
      });
    }
    return out;
  }

  return {
    /** Form 01. The PIN is printed only when the client proves it (its hash is all that is stored). */
    async receipt(actor: Actor, id: string, opts: { layout: Layout; lookupPin?: string }) {
      const d = await dossiers.get(actor, id);
      if (opts.lookupPin !== undefined && !(await dossiers.pinMatches(actor, d.id, opts.lookupPin)))
        throw new AppError('LOOKUP_PIN_MISMATCH');
      const agency = agencyCache();
      const [events, procedure, receivingUnit, handlingAgency] = await Promise.all([
        dossiers.events(actor, id),
        directory.procedure(d.procedure.id),
        agency(d.receivingAgencyId ?? d.agencyId),
        agency(d.agencyId),
      ]);
      // Rendered first, then recorded (a failure refuses the print: no paper leaves unrecorded).
      const pdf = await renderReceipt({
        dossier: d,
        receivingUnit,
        handlingAgency,
        receptionistName: await nameOf(actorOf(events, 'received')),
        fee: procedure.fee,
        trackingUrl: trackingUrl(deps.publicBaseUrl, d.code),
        lookupPin: opts.lookupPin?.toUpperCase() ?? null,
        layout: opts.layout,
      });
      await dossiers.recordReceiptPrint(actor, d.id, { layout: opts.layout, withPin: opts.lookupPin !== undefined });
      return { pdf, code: d.code };
    },

    /** Form 02, from a `request-supplement` event (the latest, or the one with `seq`). */
    async supplementRequest(actor: Actor, id: string, opts: { seq?: number; layout: Layout }) {
      const d = await dossiers.get(actor, id);
      const events = await dossiers.events(actor, id);
      const event = eventOf(events, 'request-supplement', opts.seq);
      const data = event.data as { items?: string[]; reason?: string; again?: boolean };
      const agency = agencyCache();
      const pdf = await renderSupplementRequest({
        dossier: d,
        issuer: await agency(d.receivingAgencyId ?? d.agencyId),
        handlingAgency: await agency(d.agencyId),
        at: event.at!,
        items: data.items ?? [],
        reason: data.reason ?? '',
        officerName: await nameOf(event.actorId),
        again: data.again === true,
        layout: opts.layout,
      });
      return { pdf, code: d.code };
    },

    /** Form 04, from the `apologize` event; the original appointment is the unmoved `dueAt`. */
    async apology(actor: Actor, id: string, opts: { layout: Layout }) {
      const d = await dossiers.get(actor, id);
      const event = eventOf(await dossiers.events(actor, id), 'apologize');
      const data = event.data as { reason?: string; promisedAt?: string };
      const agency = agencyCache();
      const pdf = await renderApology({
        dossier: d,
        handlingAgency: await agency(d.agencyId),
        receivingUnit: await agency(d.receivingAgencyId ?? d.agencyId),
        at: event.at!,
        reason: data.reason ?? '',
        promisedAt: d.promisedAt ?? data.promisedAt ?? d.dueAt,
        leaderName: await nameOf(event.actorId),
        layout: opts.layout,
      });
      return { pdf, code: d.code };
    },

    /** Form 05: every step with giver, receiver, times and early / on time / late. */
    async controlSlip(actor: Actor, id: string) {
      const d = await dossiers.get(actor, id);
      const events = await dossiers.events(actor, id);
      const agency = agencyCache();
      const handlingAgency = await agency(d.agencyId);
      const cooperatingIds = [...new Set(d.steps.map((s) => s.agencyId))].filter(
        (a) => a !== d.agencyId && a !== d.receivingAgencyId,
      );
      const cooperating = await Promise.all(cooperatingIds.map(async (a) => (await agency(a)).name));
      const pdf = await renderControlSlip({
        dossier: d,
        receivingUnit: await agency(d.receivingAgencyId ?? d.agencyId),
        handlingAgency,
        cooperating,
        handovers: await handovers(d, events, agency),
      });
      return { pdf, code: d.code };
    },

    /** Form 03 for a recorded refusal, in the caller's agency scope. */
    async refusal(actor: Actor, refusalId: string, opts: { layout: Layout }) {
      const r = await deps.refusals.get(actor, refusalId);
      const pdf = await renderRefusal({
        issuer: await directory.agency(r.agencyId),
        at: r.at,
        applicant: r.applicant,
        procedure: r.procedure,
        reasons: r.reasons,
        receptionistName: await nameOf(r.actorId),
        layout: opts.layout,
      });
      return { pdf, id: r.id };
    },

    /** Form 06 for an agency and local dates [from, to], as PDF or XLSX. */
    async trackingBook(actor: Actor, q: { agencyId: string; from: string; to: string }, format: 'pdf' | 'xlsx') {
      const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 + 1;
      if (days < 1 || days > BOOK_MAX_DAYS) throw new AppError('DOCUMENT_RANGE_INVALID', { days: BOOK_MAX_DAYS });
      if (!(await directory.agencyVisible(actor, q.agencyId))) throw new AppError('AGENCY_NOT_FOUND');
      const found = await dossiers.receivedBy(actor, {
        agencyId: q.agencyId,
        receivedFrom: localMidnight(q.from, deps.timeZone).toISOString(),
        receivedTo: localMidnight(nextDay(q.to), deps.timeZone).toISOString(),
      });
      const agency = agencyCache();
      const lines: BookLine[] = [];
      for (const d of found) {
        const p = await directory.procedure(d.procedure.id);
        lines.push({
          code: d.code,
          field: p.field ?? 'Khác',
          procedure: d.procedure.name,
          applicant: d.applicant.name,
          contact: [d.applicant.address, d.applicant.phone].filter(Boolean).join('; '),
          handlingAgency: (await agency(d.agencyId)).name,
          receivedAt: d.receivedAt,
          appointment: d.promisedAt ?? d.dueAt,
          returnedAt: d.returnedAt,
          returnMethod: d.returnMethod,
        });
      }
      lines.sort((a, b) => a.field.localeCompare(b.field, 'vi') || a.receivedAt.localeCompare(b.receivedAt));
      // Dated by the end of the range, so the same range prints the same bytes (until data changes).
      const end = localMidnight(q.to, deps.timeZone).getTime();
      const book = {
        agency: await agency(q.agencyId),
        from: q.from,
        to: q.to,
        at: formatInstant(end, zoneOffsetMs(deps.timeZone, end)),
        lines,
      };
      return format === 'pdf' ? renderTrackingBook(book) : trackingBookXlsx(book);
    },
  };
}
