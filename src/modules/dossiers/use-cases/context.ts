import type { Clock } from '../../../clock.js';
import type { Db, Tx } from '../../../db/client.js';
import type { InstantFormatter } from '../../../lib/dates.js';
import type { Actor } from '../../../lib/roles.js';
import type { CalendarService } from '../../calendar/calendar.service.js';
import type { WorkingCalendar } from '../../calendar/working-time.js';
import type { DossierRow } from '../dossier.repository.js';
import type { DossierView } from '../dossier.presenter.js';
import type { WritePath } from '../dossier.write.js';
import type { LookupGuard } from '../lookup-guard.js';

/** A procedure as the dossiers module uses it. */
export interface ProcedureInfo {
  id: string;
  code: string;
  name: string;
  agencyId: string | null;
  budget: DossierRow['budget'];
  supplementPolicy: DossierRow['supplementPolicy'];
  steps: Array<{ name: string; role: 'receptionist' | 'officer' | 'leader'; budget: DossierRow['budget'] }>;
}

export interface AgencyInfo {
  id: string;
  name: string;
  electronicId: string;
  active: boolean;
  /** Local date (YYYY-MM-DD) the agency started working. */
  activeFrom: string;
}

/**
 * Catalogue reads the use cases need, cached per instance and dropped when the catalogue changes.
 * `via` is the pool or the caller's transaction (PGlite has one connection).
 */
export interface Catalog {
  procedure(via: Db, id: string): Promise<ProcedureInfo>;
  activeProcedure(tx: Tx, code: string): Promise<ProcedureInfo>;
  agency(via: Db, id: string): Promise<AgencyInfo>;
}

/** What every use case of the dossiers module works with. */
export interface DossierContext {
  db: Db;
  /** Lists and public lookups (may lag: the replica, issue 14); single-dossier views and writes use `db`. */
  readDb: Db;
  clock: Clock;
  iso: InstantFormatter;
  write: WritePath;
  catalog: Catalog;
  guard: LookupGuard;
  calendar: Pick<CalendarService, 'calendarOf' | 'calendarIn'>;
  /** Every agency's id, for per-agency "due soon" thresholds. */
  agencyIds(via: Db): Promise<string[]>;
  present(d: DossierRow, via: Db): Promise<DossierView>;
  /** Display names and units of staff, for event logs (issue 13: a tracking book needs names). */
  actors(ids: readonly string[]): Promise<Map<string, EventActor>>;
  /** files (issue 15): set when services are composed (src/app.ts); the import records file refs with it. */
  importedFiles?: ImportedFiles;
}

/**
 * files (issue 15): file references of historical dossiers, owned by the files module (which this
 * module does not import). `check` answers each ref's kind and instant, or throws AppError
 * VALIDATION_FAILED with paths `files.<i>.<field>`; `record` attaches refs through the write path.
 */
export interface ImportedFiles {
  check(refs: unknown[]): Array<{ kind: 'component' | 'result'; attachedAt: Date }>;
  record(tx: Tx, dossierId: string, refs: unknown[], actor: Actor): Promise<void>;
}

export interface EventActor {
  id: string;
  name: string;
  agencyId: string | null;
  agencyName: string | null;
}

export type CalendarOf = (agencyId: string) => Promise<WorkingCalendar>;
