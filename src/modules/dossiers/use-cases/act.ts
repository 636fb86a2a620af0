import type { Actor } from '../../../lib/roles.js';
import type { ActionBodies } from '../dossier.schemas.js';
import type { StaffAction } from '../dossier.transitions.js';
import type { DossierContext } from './context.js';

/**
 * A staff member acts on a dossier (`POST /dossiers/:id/<action>`): one transaction through the
 * write path — lock, access matrix, version, transition table, handler, event — then the new state.
 * What each action does is in `dossier.handlers.ts`; who may do it when, in `dossier.transitions.ts`.
 */
export async function act<A extends StaffAction>(
  ctx: DossierContext,
  actor: Actor,
  id: string,
  action: A,
  body: ActionBodies[A],
  ifMatch?: number,
) {
  const expectedVersion = body.version ?? ifMatch;
  const result = await ctx.db.transaction((tx) =>
    ctx.write.execute(tx, {
      dossierId: id,
      action,
      body,
      by: { kind: 'staff', actor },
      at: ctx.clock.now(),
      expectedVersion,
    }),
  );
  const view = await ctx.present(result.dossier, ctx.db);
  return { ...view, ...(result.warnings.length > 0 ? { warnings: result.warnings } : {}) };
}

/** A lost PIN: the receiving unit issues a new one (the old stops working at once); shown once. */
export async function reissuePin(ctx: DossierContext, actor: Actor, id: string) {
  const result = await ctx.db.transaction((tx) =>
    ctx.write.execute(tx, {
      dossierId: id,
      action: 'reissue-pin',
      body: {},
      by: { kind: 'staff', actor },
      at: ctx.clock.now(),
    }),
  );
  return { ...(await ctx.present(result.dossier, ctx.db)), lookupPin: result.result?.lookupPin as string };
}

/** Records a print of form 01 (the receipt) as an event, by staff who work the dossier. */
export async function recordReceiptPrint(
  ctx: DossierContext,
  actor: Actor,
  id: string,
  body: ActionBodies['print-receipt'],
) {
  await ctx.db.transaction((tx) =>
    ctx.write.execute(tx, {
      dossierId: id,
      action: 'print-receipt',
      body,
      by: { kind: 'staff', actor },
      at: ctx.clock.now(),
    }),
  );
}
