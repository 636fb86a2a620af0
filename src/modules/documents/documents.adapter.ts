import type { AgencyService } from '../agencies/agency.service.js';
import type { Actor } from '../auth/roles.js';
import type { UserService } from '../auth/user.service.js';
import type { DossierService } from '../dossiers/dossier.service.js';
import type { ProcedureService } from '../procedures/procedure.service.js';
import type { AgencyView, Directory, DossierAccess, DossierView } from './documents.access.js';

/** The one place that knows how the dossier service serves the documents module. */
export function createDossierAccess(service: DossierService): DossierAccess {
  return {
    get: async (actor, id) => (await service.get(actor, id)) as unknown as DossierView,
    events: async (actor, id) => (await service.events(actor, id)).events,
    async receivedBy(actor, q) {
      const found: Array<Omit<DossierView, 'steps'>> = [];
      let cursor: string | undefined;
      // The list filter `agencyId` means the handling agency; a one-stop unit's book lists what it
      // received, so both are matched here over the caller's visible dossiers of the range.
      do {
        const page = await service.list(actor, {
          receivedFrom: q.receivedFrom,
          receivedTo: q.receivedTo,
          limit: 200,
          cursor,
        });
        for (const d of page.items) {
          if (d.agencyId === q.agencyId || d.receivingAgencyId === q.agencyId) found.push(d as unknown as DossierView);
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return found.reverse();
    },
    pinMatches: (actor, dossierId, pin) => service.pinMatches(actor, dossierId, pin),
    recordReceiptPrint: (actor, dossierId, print) => service.recordReceiptPrint(actor, dossierId, print),
  };
}

export function createDirectory(agencies: AgencyService, procedures: ProcedureService, users: UserService): Directory {
  return {
    async agency(id): Promise<AgencyView> {
      const chain = await agencies.chain(id);
      const named = await Promise.all(chain.map((link) => agencies.get(link.id)));
      const self = named[0]!;
      const root = named[named.length - 1]!;
      return {
        id,
        name: self.name,
        electronicId: self.electronicId,
        parentName: named[1]?.name ?? null,
        placeName: root.name
          .replace(/^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+/i, '')
          .replace(/^(tỉnh|thành phố)\s+/i, ''),
      };
    },
    async agencyVisible(actor: Actor, agencyId: string) {
      if (actor.roles.includes('admin')) return agencies.exists(agencyId);
      if (!actor.agencyId) return false;
      if (actor.roles.includes('supervisor'))
        return (await agencies.flat(actor.agencyId)).some((a) => a.id === agencyId);
      return actor.agencyId === agencyId;
    },
    async procedure(procedureId) {
      const p = await procedures.get(procedureId);
      return { code: p.code, name: p.name, field: p.field ?? null, fee: p.fee ?? null };
    },
    staffNames: (ids) => users.displayNames(ids),
  };
}
