import type { DossierService } from '../dossiers/dossier.service.js';
import type { PublicTracking, TrackingView } from './pages.access.js';

/** The one place the pages module touches the dossiers module (lead: keep these two calls). */
export function createPublicTracking(dossiers: DossierService): PublicTracking {
  return {
    async lookup(code, factor) {
      const view: TrackingView = await dossiers.lookupPublic(code, factor);
      return view;
    },
    rate: (code, pin, level, comment) => dossiers.ratePublic(code, pin, level, comment),
  };
}
