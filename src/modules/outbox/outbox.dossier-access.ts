import type { Clock } from '../../clock.js';
import type { Tx } from '../../db/client.js';
import { ttlCache } from '../../lib/ttl-cache.js';
import type { AgencyService } from '../agencies/agency.service.js';
import type { DossierService } from '../dossiers/dossier.service.js';
import type { ProcedureService } from '../procedures/procedure.service.js';
import type { DossierAccess } from './outbox.access.js';

/**
 * DossierAccess on today's services: visibility through `services.dossiers.get(actor, id)`, catalogue
 * names read in the planning round's transaction and cached for a minute (dropped on a change made in this
 * process; one made in another process shows within the minute).
 */
export function dossierAccess(deps: {
  clock: Clock;
  procedures: ProcedureService;
  agencies: AgencyService;
  dossiers: DossierService;
}): DossierAccess {
  const now = () => deps.clock.now().getTime();
  const procedure = ttlCache(
    async (id: string, tx: Tx) => {
      const p = await deps.procedures.getIn(tx, id);
      return { code: p.code, name: p.name };
    },
    60_000,
    now,
  );
  const agency = ttlCache(
    async (id: string, tx: Tx) => {
      const a = await deps.agencies.getIn(tx, id);
      return { name: a.name, electronicId: a.electronicId };
    },
    60_000,
    now,
  );
  deps.procedures.onChanged(() => procedure.clear());
  deps.agencies.onChanged(() => agency.clear());
  return {
    async assertVisible(actor, dossierId) {
      await deps.dossiers.get(actor, dossierId);
    },
    procedure: (id, tx) => procedure(id, tx),
    agency: (id, tx) => agency(id, tx),
  };
}
