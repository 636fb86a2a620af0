import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import type { DossierRow } from './dossier.repository.js';

/** The citizen's page of a dossier (domain B6, issue 13), read apart from the staff repository. */
export interface PublicView {
  id: string;
  code: string;
  status: DossierRow['status'];
  agencyId: string;
  receivingAgencyId: string;
  procedureId: string;
  applicantName: string;
  phoneLast4: string | null;
  lookupPinHash: string;
  receivedAt: Date;
  clockStartAt: Date;
  dueAt: Date;
  promisedAt: Date | null;
  pausedSince: Date | null;
  finishedAt: Date | null;
  withdrawnAt: Date | null;
  returnedAt: Date | null;
  outcome: DossierRow['outcome'];
  returnMethod: DossierRow['returnMethod'];
  apologyKind: DossierRow['apologyKind'];
  steps: Array<{ name: string; startedAt: string; finishedAt: string | null; classification: string | null }>;
  /** The latest event of each kind the citizen is told about (issue 13), with its data. */
  latest: Partial<Record<'request-supplement' | 'apologize' | 'decide', { at: string; data: Record<string, unknown> }>>;
}

/** The public page of a dossier in one round trip (the hot path of citizen lookups). */
export async function findPublicView(db: Db, code: string): Promise<PublicView | undefined> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    select d.id, d.code, d.status, d.agency_id, d.receiving_agency_id, d.procedure_id, d.applicant_name, d.phone_last4, d.lookup_pin_hash,
      d.received_at, d.clock_start_at, d.due_at, d.promised_at, d.paused_since, d.finished_at, d.withdrawn_at, d.returned_at,
      d.outcome, d.return_method, d.apology_kind,
      coalesce((select json_agg(json_build_object('name', s.name, 'startedAt', s.started_at, 'finishedAt', s.finished_at,
        'classification', s.classification) order by s.seq) from dossier_steps s where s.dossier_id = d.id), '[]'::json) as steps,
      (select json_object_agg(l.type, json_build_object('at', l.at, 'data', l.data)) from (
        select distinct on (e.type) e.type, e.at, e.data from dossier_events e
        where e.dossier_id = d.id and e.type in ('request-supplement', 'apologize', 'decide') order by e.type, e.seq desc) l) as latest
    from dossiers d where d.code = ${code}`,
  );
  const r = rows[0];
  if (!r) return undefined;
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  const json = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);
  return {
    id: r.id as string,
    code: r.code as string,
    status: r.status as DossierRow['status'],
    agencyId: r.agency_id as string,
    receivingAgencyId: r.receiving_agency_id as string,
    procedureId: r.procedure_id as string,
    applicantName: r.applicant_name as string,
    phoneLast4: r.phone_last4 as string | null,
    lookupPinHash: r.lookup_pin_hash as string,
    receivedAt: date(r.received_at)!,
    clockStartAt: date(r.clock_start_at)!,
    dueAt: date(r.due_at)!,
    promisedAt: date(r.promised_at),
    pausedSince: date(r.paused_since),
    finishedAt: date(r.finished_at),
    withdrawnAt: date(r.withdrawn_at),
    returnedAt: date(r.returned_at),
    outcome: r.outcome as PublicView['outcome'],
    returnMethod: r.return_method as PublicView['returnMethod'],
    apologyKind: r.apology_kind as PublicView['apologyKind'],
    steps: json(r.steps) as PublicView['steps'],
    latest: (json(r.latest) ?? {}) as PublicView['latest'],
  };
}
