import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { dossiers, lookupFailures } from '../../db/schema/index.js';
import type { FailureState } from './lookup-guard.js';
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
  /** The code's row of the lookup limits (issue 9 item 3) as read with the page; null when it never failed. */
  failures: FailureState | null;
}

/**
 * The citizen's page as one prepared statement per database handle: the hot path of citizen lookups
 * (issue 14). Planning this statement cost PostgreSQL ~3 ms per lookup (parse and bind of an unnamed
 * statement, several times its execution); a named statement is parsed once per connection and, for
 * a single equality on the code, soon runs on its cached plan.
 */
const prepared = new WeakMap<Db, ReturnType<typeof prepare>>();

// The subqueries name the outer row in full: Drizzle writes a single-table select's columns unqualified.
function prepare(db: Db) {
  return db
    .select({
      id: dossiers.id,
      code: dossiers.code,
      status: dossiers.status,
      agencyId: dossiers.agencyId,
      receivingAgencyId: dossiers.receivingAgencyId,
      procedureId: dossiers.procedureId,
      applicantName: dossiers.applicantName,
      phoneLast4: dossiers.phoneLast4,
      lookupPinHash: dossiers.lookupPinHash,
      receivedAt: dossiers.receivedAt,
      clockStartAt: dossiers.clockStartAt,
      dueAt: dossiers.dueAt,
      promisedAt: dossiers.promisedAt,
      pausedSince: dossiers.pausedSince,
      finishedAt: dossiers.finishedAt,
      withdrawnAt: dossiers.withdrawnAt,
      returnedAt: dossiers.returnedAt,
      outcome: dossiers.outcome,
      returnMethod: dossiers.returnMethod,
      apologyKind: dossiers.apologyKind,
      steps: sql<unknown>`coalesce((select json_agg(json_build_object('name', s.name, 'startedAt', s.started_at,
        'finishedAt', s.finished_at, 'classification', s.classification) order by s.seq)
        from dossier_steps s where s.dossier_id = "dossiers"."id"), '[]'::json)`,
      latest: sql<unknown>`(select json_object_agg(l.type, json_build_object('at', l.at, 'data', l.data)) from (
        select distinct on (e.type) e.type, e.at, e.data from dossier_events e
        where e.dossier_id = "dossiers"."id" and e.type in ('request-supplement', 'apologize', 'decide')
        order by e.type, e.seq desc) l)`,
      failureDay: lookupFailures.day,
      failureCount: lookupFailures.failures,
      phone4LockedUntil: lookupFailures.phone4LockedUntil,
    })
    .from(dossiers)
    .leftJoin(lookupFailures, eq(lookupFailures.code, dossiers.code))
    .where(eq(dossiers.code, sql.placeholder('code')))
    .limit(1)
    .prepare('motcua_public_view');
}

/** The public page of a dossier and its lookup-limit row in one round trip. */
export async function findPublicView(db: Db, code: string): Promise<PublicView | undefined> {
  let statement = prepared.get(db);
  if (!statement) prepared.set(db, (statement = prepare(db)));
  const [r] = await statement.execute({ code });
  if (!r) return undefined;
  // Both drivers parse json; a driver that hands back text is read the same way.
  const json = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);
  const { failureDay, failureCount, phone4LockedUntil, ...page } = r;
  return {
    ...page,
    steps: json(r.steps) as PublicView['steps'],
    latest: (json(r.latest) ?? {}) as PublicView['latest'],
    failures:
      failureDay === null || failureCount === null
        ? null
        : { day: failureDay, failures: failureCount, phone4LockedUntil },
  };
}
