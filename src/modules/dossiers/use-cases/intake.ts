import { createHash } from 'node:crypto';
import { AppError } from '../../../http/errors.js';
import { idempotencyLookupHash, seal, unseal } from '../../../lib/sealed.js';
import type { Actor } from '../../../lib/roles.js';
import * as repo from '../dossier.repository.js';
import type { IntakeBody, RefusalBody } from '../dossier.schemas.js';
import type { DossierContext } from './context.js';

/**
 * Intake at the counter (form 01). The dossier is routed to the agency the procedure is assigned
 * to, or — when the receptionist names one — to that agency if it is the procedure's own or the
 * receiving unit itself; only active agencies take dossiers. With an Idempotency-Key, a retry of the
 * same request answers the first response (PIN included); the same key with another body is refused.
 */
export async function intake(ctx: DossierContext, actor: Actor, input: IntakeBody, idempotencyKey?: string) {
  const { db, write } = ctx;
  if (!actor.agencyId) throw new AppError('RECEIVING_UNIT_REQUIRED');
  const receivingAgencyId = actor.agencyId;
  const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
  const lookup = idempotencyKey ? idempotencyLookupHash(actor.userId, idempotencyKey) : undefined;
  const replay = async () => {
    const prior = lookup ? await repo.findIdempotent(db, actor.userId, lookup) : undefined;
    if (!prior) return undefined;
    if (prior.requestHash !== requestHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    return {
      status: prior.status,
      body: unseal<unknown>(actor.userId, idempotencyKey!, (prior.response as { sealed: string }).sealed),
    };
  };
  const earlier = await replay();
  if (earlier) return earlier;
  try {
    return await db.transaction(async (tx) => {
      const procedure = await ctx.catalog.activeProcedure(tx, input.procedureCode);
      const agencyId = input.agencyId ?? procedure.agencyId ?? receivingAgencyId;
      if (input.agencyId && input.agencyId !== procedure.agencyId && input.agencyId !== receivingAgencyId) {
        throw new AppError('INTAKE_AGENCY_INVALID');
      }
      const agency = await ctx.catalog.agency(tx, agencyId);
      if (!agency.active) throw new AppError('INTAKE_AGENCY_INVALID');
      const { dossier, pin } = await write.createDossier(
        tx,
        { kind: 'staff', actor },
        {
          procedure,
          agency,
          receivingAgencyId,
          receivedAt: ctx.clock.now(),
          channel: input.channel,
          applicant: input.applicant,
          components: input.components,
          note: input.note,
        },
      );
      const body = { ...(await ctx.present(dossier, tx)), lookupPin: pin };
      if (lookup) {
        await repo.insertIdempotent(tx, {
          userId: actor.userId,
          key: lookup,
          requestHash,
          status: 201,
          response: { sealed: seal(actor.userId, idempotencyKey!, body) },
        });
      }
      return { status: 201, body };
    });
  } catch (error) {
    // Two retries racing: the loser's insert of the key fails; answer what the winner stored.
    const raced = lookup ? await replay() : undefined;
    if (raced) return raced;
    throw error;
  }
}

/** Refusal at the counter (form 03): recorded, and no dossier code is consumed. */
export async function refuse(ctx: DossierContext, actor: Actor, input: RefusalBody) {
  if (!actor.agencyId) throw new AppError('RECEIVING_UNIT_REQUIRED');
  const agencyId = actor.agencyId;
  return ctx.db.transaction(async (tx) => {
    const procedure = await ctx.catalog.activeProcedure(tx, input.procedureCode);
    const row = await repo.insertRefusal(tx, {
      agencyId,
      procedureId: procedure.id,
      applicant: input.applicant,
      reasons: input.reasons,
      actorId: actor.userId,
      at: ctx.clock.now(),
    });
    return {
      id: row.id,
      procedureCode: procedure.code,
      agencyId: row.agencyId,
      reasons: input.reasons,
      at: ctx.iso(row.at),
    };
  });
}
