import type { Clock } from '../../clock.js';
import type { Db, Tx } from '../../db/client.js';
import { AppError } from '../../http/errors.js';
import { decodeCursor, toPage } from '../../http/pagination.js';
import { instantFormatter, localDate } from '../../lib/dates.js';
import { AGENCY_LEVELS, type AgencyLevel, type CalendarSettings } from '../../lib/values.js';
import type { Actor } from '../auth/roles.js';
import { presentAgency, presentTree, presentVersion } from './agency.presenter.js';
import { ancestorChain, type ChainLink } from './agency.chain.js';
import * as repo from './agency.repository.js';

export { AGENCY_LEVELS, type AgencyLevel };

export interface CreateAgencyInput {
  name: string;
  electronicId: string;
  level: AgencyLevel;
  parentId?: string | null;
  activeFrom?: string;
  calendar?: CalendarSettings;
}

export interface UpdateAgencyInput {
  name?: string;
  electronicId?: string;
  level?: AgencyLevel;
  parentId?: string | null;
  active?: boolean;
  calendar?: CalendarSettings | null;
  /** Local date from which a change of name, parent, level or activity holds; default today. */
  effectiveFrom?: string;
}

export interface ListAgenciesInput {
  parentId?: string | null;
  level?: AgencyLevel;
  active?: boolean;
  q?: string;
  limit: number;
  cursor?: string;
}

export type AgencyService = ReturnType<typeof createAgencyService>;

export function createAgencyService(db: Db, clock: Clock, timeZone: string) {
  const today = () => localDate(clock.now(), timeZone);
  const iso = instantFormatter(timeZone);
  const present = (a: repo.AgencyRow) => presentAgency(a, iso);
  const calendarListeners: Array<(agencyId: string) => Promise<void>> = [];
  const changeListeners: Array<() => void> = [];

  async function chainIn(via: Db, id: string): Promise<ChainLink[]> {
    const links = await ancestorChain(via, id);
    if (links.length === 0) throw new AppError('AGENCY_NOT_FOUND');
    return links;
  }

  async function mustFind(tx: Db, id: string): Promise<repo.AgencyRow> {
    const agency = await repo.findAgency(tx, id);
    if (!agency) throw new AppError('AGENCY_NOT_FOUND');
    return agency;
  }

  async function assertElectronicIdFree(tx: Db, electronicId: string, selfId?: string): Promise<void> {
    const holder = await repo.findByElectronicId(tx, electronicId);
    if (holder && holder.id !== selfId) throw new AppError('ELECTRONIC_ID_TAKEN');
  }

  return {
    async create(actor: Actor, input: CreateAgencyInput) {
      return db.transaction(async (tx) => {
        if (input.parentId && !(await repo.findAgency(tx, input.parentId)))
          throw new AppError('PARENT_AGENCY_NOT_FOUND');
        await assertElectronicIdFree(tx, input.electronicId);
        const activeFrom = input.activeFrom ?? today();
        const agency = await repo.insertAgency(tx, {
          name: input.name,
          electronicId: input.electronicId,
          level: input.level,
          parentId: input.parentId ?? null,
          calendar: input.calendar ?? null,
          activeFrom,
        });
        await repo.insertVersion(tx, {
          agencyId: agency.id,
          validFrom: activeFrom,
          name: agency.name,
          parentId: agency.parentId,
          level: agency.level,
          active: true,
          changedBy: actor.userId,
        });
        return present(agency);
      });
    },

    async list(input: ListAgenciesInput) {
      const rows = await repo.listAgencies(db, { ...input, after: decodeCursor(input.cursor, ['text', 'uuid']) });
      return toPage(rows, input.limit, (a) => [a.name, a.id], present);
    },

    async tree(rootId?: string) {
      if (rootId) await mustFind(db, rootId);
      return { roots: presentTree(rootId ? await repo.listSubtree(db, rootId) : await repo.listAll(db), iso) };
    },

    /** Every agency, or an agency's subtree, flat (for statistics roll-ups). */
    async flat(rootId?: string) {
      return (rootId ? await repo.listSubtree(db, rootId) : await repo.listAll(db)).map((a) => ({
        id: a.id,
        name: a.name,
        parentId: a.parentId,
      }));
    },

    /** Every agency's id, read through `via` (the pool or the caller's transaction). */
    async idsIn(via: Db): Promise<string[]> {
      return (await repo.listAll(via)).map((a) => a.id);
    },

    async get(id: string) {
      return present(await mustFind(db, id));
    },

    /** The same, read through `via`: the pool or the caller's transaction. */
    async getIn(via: Db, id: string) {
      return present(await mustFind(via, id));
    },

    /** Whether the agency exists and is active, inside the caller's transaction. */
    async activeIn(tx: Tx, id: string): Promise<boolean> {
      return (await repo.findAgency(tx, id))?.active === true;
    },

    async history(id: string) {
      await mustFind(db, id);
      return { versions: (await repo.listVersions(db, id)).map(presentVersion) };
    },

    async exists(id: string): Promise<boolean> {
      return (await repo.findAgency(db, id)) !== undefined;
    },

    /**
     * The agency and its ancestors, nearest first; throws AGENCY_NOT_FOUND for an unknown id.
     * `via`: the pool, or the transaction the caller is in.
     */
    chain: (id: string): Promise<ChainLink[]> => chainIn(db, id),

    chainIn,

    /** Called after any change of an agency, so caches of the catalogue drop their copies. */
    onChanged(listener: () => void): void {
      changeListeners.push(listener);
    },

    /** Called after an agency's calendar or parent changes (its working time may have changed). */
    onCalendarChanged(listener: (agencyId: string) => Promise<void>): void {
      calendarListeners.push(listener);
    },

    /**
     * Renames, re-parents, (de)activates or re-levels an agency. The change is dated: the version
     * that held until `effectiveFrom` is closed and a new one opened (domain A1: merged agencies keep
     * their history; dossiers keep the agency they were received by).
     */
    async update(actor: Actor, id: string, input: UpdateAgencyInput) {
      const result = await db.transaction(async (tx) => {
        const agency = await mustFind(tx, id);
        if (input.parentId) {
          if (!(await repo.findAgency(tx, input.parentId))) throw new AppError('PARENT_AGENCY_NOT_FOUND');
          if (await repo.isInSubtree(tx, id, input.parentId)) throw new AppError('AGENCY_CYCLE');
        }
        if (input.electronicId) await assertElectronicIdFree(tx, input.electronicId, id);
        const next = {
          name: input.name ?? agency.name,
          parentId: input.parentId === undefined ? agency.parentId : input.parentId,
          level: input.level ?? agency.level,
          active: input.active ?? agency.active,
        };
        const versioned =
          next.name !== agency.name ||
          next.parentId !== agency.parentId ||
          next.level !== agency.level ||
          next.active !== agency.active;
        const effectiveFrom = input.effectiveFrom ?? today();
        if (versioned) {
          const current = await repo.currentVersion(tx, id);
          if (current && effectiveFrom < current.validFrom) {
            throw new AppError('EFFECTIVE_DATE_INVALID', { after: current.validFrom });
          }
          if (current && current.validFrom === effectiveFrom) await repo.deleteVersion(tx, current.id);
          else if (current) await repo.closeVersion(tx, current.id, effectiveFrom);
          await repo.insertVersion(tx, { agencyId: id, validFrom: effectiveFrom, ...next, changedBy: actor.userId });
        }
        const updated = await repo.updateAgency(tx, id, {
          ...next,
          electronicId: input.electronicId ?? agency.electronicId,
          ...(input.calendar !== undefined ? { calendar: input.calendar } : {}),
          ...(input.active === false && agency.active ? { activeTo: effectiveFrom } : {}),
          ...(input.active === true && !agency.active ? { activeTo: null } : {}),
        });
        return present(updated);
      });
      for (const listener of changeListeners) listener();
      if (input.calendar !== undefined || input.parentId !== undefined) {
        for (const listener of calendarListeners) await listener(id);
      }
      return result;
    },
  };
}
