import type { Actor } from '../auth/roles.js';

/**
 * What the documents module reads from other modules, and nothing more. The dossier module is being
 * redesigned: only `documents.adapter.ts` knows how these are served today.
 */

export interface StepView {
  seq: number;
  name: string;
  role: string;
  agencyId: string;
  assigneeId: string | null;
  startedAt: string | null;
  dueAt: string | null;
  finishedAt: string | null;
  classification: string | null;
  note: string | null;
}

export interface EventView {
  seq: number;
  type: string;
  at: string | null;
  actorId: string | null;
  data: unknown;
}

export interface ApplicantView {
  name: string;
  idNumber?: string;
  phone?: string;
  email?: string;
  address?: string;
}

/** The dossier as `GET /dossiers/:id` presents it (instants ISO 8601 in local offset). */
export interface DossierView {
  id: string;
  code: string;
  status: string;
  agencyId: string;
  receivingAgencyId: string | null;
  procedure: { id: string; code: string; name: string };
  channel: string;
  applicant: ApplicantView;
  components: Array<{ name: string; copies?: number }>;
  budget: { value: number; unit: string } | null;
  receivedAt: string;
  dueAt: string;
  promisedAt: string | null;
  finishedAt: string | null;
  outcome: string | null;
  returnedAt: string | null;
  returnMethod: string | null;
  withdrawnAt: string | null;
  steps: StepView[];
}

export interface DossierAccess {
  /** A dossier visible to the actor; throws AppError DOSSIER_NOT_FOUND otherwise. */
  get(actor: Actor, id: string): Promise<DossierView>;
  /** Its event log, under the same rule. */
  events(actor: Actor, id: string): Promise<EventView[]>;
  /** Dossiers received in [from, to) that the agency handles or received, oldest first. */
  receivedBy(
    actor: Actor,
    q: { agencyId: string; receivedFrom: string; receivedTo: string },
  ): Promise<Omit<DossierView, 'steps'>[]>;
  /** Whether the lookup PIN printed at intake belongs to this dossier (only its hash is stored). */
  pinMatches(actor: Actor, dossierId: string, pin: string): Promise<boolean>;
  /** Puts a print of form 01 on the dossier's record (an event); refuses staff who do not work the dossier. */
  recordReceiptPrint(actor: Actor, dossierId: string, print: { layout: string; withPin: boolean }): Promise<void>;
}

export interface AgencyView {
  id: string;
  name: string;
  electronicId: string;
  /** The agency directly above, for the first header line ("UBND TỈNH …"). */
  parentName: string | null;
  /** The province (root of the tree), for the place in the date line. */
  placeName: string;
}

export interface Directory {
  agency(id: string): Promise<AgencyView>;
  /** Whether the actor may see this agency's records (admin: all; supervisor: subtree; others: own). */
  agencyVisible(actor: Actor, agencyId: string): Promise<boolean>;
  procedure(procedureId: string): Promise<{ code: string; name: string; field: string | null; fee: number | null }>;
  /** Display names of staff, including disabled accounts (an old slip still names its clerk). */
  staffNames(ids: string[]): Promise<Map<string, string>>;
}
