import type { Db } from '../../db/client.js';
import { AppError } from '../../http/errors.js';
import type { Actor } from '../auth/roles.js';
import { computeDeadline, deadlineAfterPause, type Budget } from '../calendar/deadline.js';
import type { WorkingCalendar } from '../calendar/working-time.js';
import type { ProcedureStep } from '../procedures/procedure.presenter.js';
import { classify } from '../stats/classification.js';
import * as repo from './dossier.repository.js';
import { nextStatus, type Action, type Status } from './dossier.transitions.js';

/** What the action engine needs from other modules (through their services), read through `tx`. */
export interface ActionDeps {
  calendarOf(agencyId: string, tx: Db): Promise<WorkingCalendar>;
  stepsOf(procedureId: string, tx: Db): Promise<ProcedureStep[]>;
  /** Whether the user may be assigned dossiers of the agency (enabled staff of that agency). */
  canBeAssigned(userId: string, agencyId: string, tx: Db): Promise<boolean>;
  agencyExists(agencyId: string, tx: Db): Promise<boolean>;
}

export type ActionBody = Record<string, unknown>;

export interface ActionResult {
  dossier: repo.DossierRow;
  warnings: string[];
}

interface Ctx {
  tx: Db;
  deps: ActionDeps;
  dossier: repo.DossierRow;
  actor: Actor;
  at: Date;
  calendar: WorkingCalendar;
}

type Patch = Partial<repo.NewDossier>;

/** Closes a running pause at `at` and moves the deadline (domain B2): pause rule, or restart for supplements under `restart`. */
async function closePause(ctx: Ctx): Promise<Patch> {
  const { dossier, at, calendar } = ctx;
  if (!dossier.pausedSince) return {};
  const pause = await repo.closeOpenPause(ctx.tx, dossier.id, at);
  const restart = pause?.reason === 'supplement' && dossier.supplementPolicy === 'restart';
  const dueAt = restart
    ? computeDeadline(calendar, at.getTime(), dossier.budget as Budget).dueAt
    : deadlineAfterPause(calendar, dossier.dueAt.getTime(), dossier.pausedSince.getTime(), at.getTime());
  return { dueAt: new Date(dueAt), pausedSince: null, pausedFromStatus: null };
}

async function openPause(ctx: Ctx, reason: string): Promise<Patch> {
  await repo.insertPause(ctx.tx, { dossierId: ctx.dossier.id, reason, startedAt: ctx.at, dueBefore: ctx.dossier.dueAt, actorId: ctx.actor.userId });
  return { pausedSince: ctx.at, pausedFromStatus: ctx.dossier.status, pauseCount: ctx.dossier.pauseCount + 1 };
}

/** Ends the open step, classified against its own deadline (form 05: early / on time / late). */
async function finishStep(ctx: Ctx, note?: string): Promise<void> {
  const step = await repo.openStep(ctx.tx, ctx.dossier.id);
  if (!step) return;
  await repo.updateStep(ctx.tx, step.id, {
    finishedAt: ctx.at,
    finishedBy: ctx.actor.userId,
    classification: classify(ctx.calendar, ctx.at.getTime(), step.dueAt.getTime()),
    workingMs: ctx.calendar.between(step.startedAt.getTime(), ctx.at.getTime()),
    ...(note ? { note } : {}),
  });
}

/** Starts a step (form 05); `seq` is known for the first step, read otherwise. */
export async function startStep(
  tx: Db, dossierId: string, step: ProcedureStep, agencyId: string, at: Date, calendar: WorkingCalendar, dueAt?: Date, seq?: number,
): Promise<void> {
  await repo.insertStep(tx, {
    dossierId,
    seq: seq ?? (await repo.lastStepSeq(tx, dossierId)) + 1,
    name: step.name,
    role: step.role,
    agencyId,
    startedAt: at,
    dueAt: dueAt ?? new Date(computeDeadline(calendar, at.getTime(), step.budget).dueAt),
  });
}

const handlers: Record<Action, (ctx: Ctx, body: ActionBody) => Promise<{ patch: Patch; warnings?: string[] }>> = {
  async assign(ctx, body) {
    const assigneeId = body.assigneeId as string;
    if (!(await ctx.deps.canBeAssigned(assigneeId, ctx.dossier.agencyId, ctx.tx))) throw new AppError('ASSIGNEE_INVALID');
    const step = await repo.openStep(ctx.tx, ctx.dossier.id);
    if (step) await repo.updateStep(ctx.tx, step.id, { assigneeId });
    return { patch: { assigneeId } };
  },

  async forward(ctx, body) {
    const steps = await ctx.deps.stepsOf(ctx.dossier.procedureId, ctx.tx);
    const next = steps[ctx.dossier.currentStep];
    if (!next) throw new AppError('NO_NEXT_STEP');
    await finishStep(ctx, body.note as string | undefined);
    await startStep(ctx.tx, ctx.dossier.id, next, ctx.dossier.agencyId, ctx.at, ctx.calendar);
    return { patch: { currentStep: ctx.dossier.currentStep + 1, assigneeId: null } };
  },

  async 'send-back'(ctx, body) {
    const steps = await ctx.deps.stepsOf(ctx.dossier.procedureId, ctx.tx);
    const previous = steps[ctx.dossier.currentStep - 2];
    if (!previous) throw new AppError('NO_PREVIOUS_STEP');
    await finishStep(ctx, body.reason as string);
    await startStep(ctx.tx, ctx.dossier.id, previous, ctx.dossier.agencyId, ctx.at, ctx.calendar);
    return { patch: { currentStep: ctx.dossier.currentStep - 1, assigneeId: null } };
  },

  async 'request-supplement'(ctx, body) {
    // A2: the applicant may be asked to supplement only once; a second request must say so, and
    // makes the dossier late for the national index (domain A4, B5).
    if (ctx.dossier.supplementCount >= 1 && body.again !== true) throw new AppError('SUPPLEMENT_ALREADY_REQUESTED');
    return { patch: { ...(await openPause(ctx, 'supplement')), supplementCount: ctx.dossier.supplementCount + 1 } };
  },

  async 'receive-supplement'(ctx) {
    return { patch: await closePause(ctx) };
  },

  async pause(ctx, body) {
    return { patch: await openPause(ctx, body.reason as string) };
  },

  async resume(ctx) {
    return { patch: await closePause(ctx) };
  },

  async transfer(ctx, body) {
    const toAgencyId = body.toAgencyId as string;
    if (toAgencyId === ctx.dossier.agencyId || !(await ctx.deps.agencyExists(toAgencyId, ctx.tx))) throw new AppError('TRANSFER_TARGET_INVALID');
    await finishStep(ctx, body.reason as string);
    // Liên thông: the receiving agency works against the dossier's own deadline.
    await startStep(ctx.tx, ctx.dossier.id, { name: 'Liên thông: xử lý tại cơ quan phối hợp', role: 'officer', budget: ctx.dossier.budget as Budget },
      toAgencyId, ctx.at, ctx.calendar, ctx.dossier.dueAt);
    return { patch: { agencyId: toAgencyId, assigneeId: null, transferCount: ctx.dossier.transferCount + 1 } };
  },

  async apologize(ctx, body) {
    const { dossier, at, calendar } = ctx;
    if (dossier.apologyAt) throw new AppError('APOLOGY_ALREADY_ISSUED');
    if (!dossier.pausedSince && at >= dossier.dueAt) throw new AppError('APOLOGY_AFTER_DUE');
    const promisedAt = new Date(body.promisedAt as string);
    if (promisedAt <= dossier.dueAt || promisedAt <= at) throw new AppError('PROMISED_DATE_INVALID');
    // Domain B2: a warning, not a refusal, when less than one working day is left.
    const left = calendar.between(at.getTime(), dossier.dueAt.getTime());
    return { patch: { apologyAt: at, promisedAt }, warnings: left < calendar.dayLength ? ['LESS_THAN_ONE_WORKING_DAY_LEFT'] : [] };
  },

  async decide(ctx, body) {
    const closed = await closePause(ctx); // B2: a decision during a pause closes the pause first
    await finishStep(ctx);
    return { patch: { ...closed, finishedAt: ctx.at, outcome: body.outcome as string, assigneeId: null } };
  },

  async 'return-result'(ctx, body) {
    return { patch: { returnedAt: ctx.at, returnMethod: body.method as string } };
  },

  async withdraw(ctx) {
    const closed = await closePause(ctx);
    await finishStep(ctx);
    return { patch: { ...closed, withdrawnAt: ctx.at, assigneeId: null } };
  },
};

/**
 * Applies one action at instant `at` inside the caller's transaction, with the dossier row already
 * locked: checks the transition table, runs the action, bumps the version and appends the event.
 */
export async function applyAction(
  tx: Db, deps: ActionDeps, dossier: repo.DossierRow, action: Action, body: ActionBody, actor: Actor, at: Date,
): Promise<ActionResult> {
  const to = nextStatus(dossier.status as Status, action, dossier.pausedFromStatus as Status | null);
  if (!to) throw new AppError('INVALID_TRANSITION', { action, status: dossier.status });
  const calendar = await deps.calendarOf(dossier.agencyId, tx);
  const { patch, warnings = [] } = await handlers[action]({ tx, deps, dossier, actor, at, calendar }, body);
  const version = dossier.version + 1;
  const updated = await repo.updateDossier(tx, dossier.id, { ...patch, status: to, version });
  const { version: _version, ...data } = body;
  await repo.insertEvent(tx, {
    dossierId: dossier.id, seq: version, type: action, at, actorId: actor.userId, fromStatus: dossier.status, toStatus: to, data,
  });
  return { dossier: updated, warnings };
}
