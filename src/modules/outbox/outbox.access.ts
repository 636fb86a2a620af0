import type { Tx } from '../../db/client.js';
import type { Actor } from '../auth/roles.js';

/** What the outbox needs from the dossier and catalogue modules (kept small so the lead can re-wire it). */
export interface DossierAccess {
  /** Resolves when the actor may see the dossier; throws AppError DOSSIER_NOT_FOUND otherwise. */
  assertVisible(actor: Actor, dossierId: string): Promise<void>;
  /** Catalogue reads inside the planning round's transaction (outbox.service `planPending`). */
  procedure(id: string, tx: Tx): Promise<{ code: string; name: string }>;
  agency(id: string, tx: Tx): Promise<{ name: string; electronicId: string }>;
}
