import type { Tx } from '../../db/client.js';
import { AppError } from '../../http/errors.js';
import type { InstantFormatter } from '../../lib/dates.js';
import type { Actor } from '../../lib/roles.js';
import type { ApologyKind, PauseReason, ProcedureStep } from '../../lib/values.js';
import {
  computeDeadline,
  deadlineAfterPause,
  deadlineAfterRestart,
  remainingWorkingTime,
} from '../calendar/deadline.js';
import type { WorkingCalendar } from '../calendar/working-time.js';
import { classify } from '../stats/classification.js';
import { hashLookupPin, newLookupPin } from './dossier.code.js';
import * as repo from './dossier.repository.js';
import type { ActionBodies, FileAttachBody, FileRemoveBody } from './dossier.schemas.js'; // files (issue 15)
import type { Action, Relation } from './dossier.transitions.js';

/** What the write path needs from other modules (through their services), always read through the transaction. */
export interface WriteDeps {
  calendarOf(tx: Tx, agencyId: string): Promise<WorkingCalendar>;
  stepsOf(tx: Tx, procedureId: string): Promise<ProcedureStep[]>;
  /** Whether the user may be assigned dossiers of the agency (enabled staff of that agency). */
  canBeAssigned(tx: Tx, userId: string, agencyId: string): Promise<boolean>;
  /** Whether the agency exists and is active. */
  agencyActive(tx: Tx, agencyId: string): Promise<boolean>;
}

/** Who acts: a staff member at work, the importer replaying history, the citizen, or the system. */
export type Acting =
  { kind: 'staff'; actor: Actor } | { kind: 'import'; actor: Actor } | { kind: 'citizen' } | { kind: 'system' };

export const actorIdOf = (by: Acting): string | null =>
  by.kind === 'staff' || by.kind === 'import' ? by.actor.userId : null;

export interface HandlerContext {
  tx: Tx;
  deps: WriteDeps;
  dossier: repo.DossierRow;
  by: Acting;
  /** The staff member's relations to the dossier (empty for other actors). */
  relations: readonly Relation[];
  at: Date;
  calendar: WorkingCalendar;
  iso: InstantFormatter;
}

export type Patch = Partial<repo.NewDossier>;

/** A handler's answer: what to change, warnings for the caller, the event's data (default: the body). */
export interface Outcome {
  patch: Patch;
  warnings?: string[];
  data?: Record<string, unknown>;
  /** Handed back to the caller only (never stored). */
  result?: Record<string, unknown>;
}

/** Closes a running pause at `at` and moves the deadline (domain B2): pause rule, or restart for supplements under `restart`. */
async function closePause(ctx: HandlerContext): Promise<Patch> {
  const { dossier, at, calendar } = ctx;
  if (!dossier.pausedSince) return {};
  const pause = await repo.closeOpenPause(ctx.tx, dossier.id, at);
  const restart = pause?.reason === 'supplement' && dossier.supplementPolicy === 'restart';
  const dueAt = restart
    ? deadlineAfterRestart(calendar, at.getTime(), dossier.budget)
    : deadlineAfterPause(calendar, dossier.dueAt.getTime(), dossier.pausedSince.getTime(), at.getTime());
  return { dueAt: new Date(dueAt), pausedSince: null, pausedFromStatus: null };
}

async function openPause(ctx: HandlerContext, reason: PauseReason): Promise<Patch> {
  const { dossier, at } = ctx;
  await repo.insertPause(ctx.tx, {
    dossierId: dossier.id,
    reason,
    startedAt: at,
    dueBefore: dossier.dueAt,
    actorId: actorIdOf(ctx.by),
  });
  return { pausedSince: at, pausedFromStatus: dossier.status, pauseCount: dossier.pauseCount + 1 };
}

/** Ends the open step, classified against its own deadline (form 05: early / on time / late). */
async function finishStep(ctx: HandlerContext, note?: string): Promise<void> {
  const step = await repo.openStep(ctx.tx, ctx.dossier.id);
  if (!step) return;
  await repo.updateStep(ctx.tx, step.id, {
    finishedAt: ctx.at,
    finishedBy: actorIdOf(ctx.by),
    classification: classify(ctx.calendar, ctx.at.getTime(), step.dueAt.getTime()),
    workingMs: ctx.calendar.between(step.startedAt.getTime(), ctx.at.getTime()),
    ...(note ? { note } : {}),
  });
}

export interface StepStart {
  dossierId: string;
  step: ProcedureStep;
  agencyId: string;
  at: Date;
  calendar: WorkingCalendar;
  /** Default: the step's own budget from `at`. */
  dueAt?: Date;
  /** Known for the first step; read otherwise. */
  seq?: number;
}

/** Starts a step (form 05); answers the patch that makes it the dossier's current step. */
export async function startStep(tx: Tx, s: StepStart): Promise<{ openStepSeq: number }> {
  const seq = s.seq ?? (await repo.lastStepSeq(tx, s.dossierId)) + 1;
  await repo.insertStep(tx, {
    dossierId: s.dossierId,
    seq,
    name: s.step.name,
    role: s.step.role,
    agencyId: s.agencyId,
    startedAt: s.at,
    dueAt: s.dueAt ?? new Date(computeDeadline(s.calendar, s.at.getTime(), s.step.budget).dueAt),
  });
  return { openStepSeq: seq };
}

// files (issue 15): the files module stores the file row in the same transaction; the dossier side
// knows the steps. The step open now is the one during which the file may be removed again; a
// component attached while the first step (reception, tiếp nhận) is open counts as digitised at intake.
async function attachFile(ctx: HandlerContext, body: FileAttachBody, component: boolean): Promise<Outcome> {
  if (component && (body.componentIndex === null || body.componentIndex >= ctx.dossier.components.length)) {
    throw new AppError('FILE_COMPONENT_INVALID', { index: body.componentIndex ?? 0 });
  }
  // The locked row names its open step (open_step_seq, kept by startStep and the closing actions): no
  // read of the control slip on every upload.
  const stepSeq = body.imported ? null : ctx.dossier.openStepSeq;
  const digitized = component && (body.imported ? body.atIntake === true : stepSeq === 1);
  const { atIntake: _atIntake, ...fields } = body;
  return {
    patch: {},
    data: { kind: component ? 'component' : 'result', ...fields, stepSeq, digitized },
    result: { stepSeq, digitized },
  };
}

async function removeFile(ctx: HandlerContext, body: FileRemoveBody): Promise<Outcome> {
  const open = await repo.openStep(ctx.tx, ctx.dossier.id);
  // A file added after the decision (no step open) may go while the dossier is still `decided`.
  const stillOpen = body.stepSeq === null ? ctx.dossier.status === 'decided' && !open : open?.seq === body.stepSeq;
  if (body.imported || !stillOpen) throw new AppError('FILE_DELETE_NOT_ALLOWED');
  return {
    patch: {},
    data: { fileId: body.fileId, kind: body.kind, componentIndex: body.componentIndex, sha256: body.sha256 },
  };
}
// end files (issue 15)

/** Recomputation has no per-dossier handler: `recomputeBatch` in dossier.write.ts does it for many rows at once. */
export type HandledAction = Exclude<Action, 'recompute-deadline'>;

type Handlers = { [A in HandledAction]: (ctx: HandlerContext, body: ActionBodies[A]) => Promise<Outcome | null> };

/** What each action does to the dossier, its steps and its pauses (the transition table says when and who). */
export const handlers: Handlers = {
  async assign(ctx, body) {
    if (!(await ctx.deps.canBeAssigned(ctx.tx, body.assigneeId, ctx.dossier.agencyId)))
      throw new AppError('ASSIGNEE_INVALID');
    const step = await repo.openStep(ctx.tx, ctx.dossier.id);
    if (step) await repo.updateStep(ctx.tx, step.id, { assigneeId: body.assigneeId });
    return { patch: { assigneeId: body.assigneeId } };
  },

  async forward(ctx, body) {
    // The counter forwards only what it holds: the reception step (architecture "Access model").
    if (ctx.by.kind === 'staff' && !ctx.relations.includes('handling')) {
      const open = await repo.openStep(ctx.tx, ctx.dossier.id);
      if (open && open.role !== 'receptionist') throw new AppError('ACTION_FORBIDDEN', { action: 'forward' });
    }
    const steps = await ctx.deps.stepsOf(ctx.tx, ctx.dossier.procedureId);
    const next = steps[ctx.dossier.currentStep];
    if (!next) throw new AppError('NO_NEXT_STEP');
    await finishStep(ctx, body.note);
    const open = await startStep(ctx.tx, {
      dossierId: ctx.dossier.id,
      step: next,
      agencyId: ctx.dossier.agencyId,
      at: ctx.at,
      calendar: ctx.calendar,
    });
    return { patch: { ...open, currentStep: ctx.dossier.currentStep + 1, assigneeId: null } };
  },

  async 'send-back'(ctx, body) {
    const steps = await ctx.deps.stepsOf(ctx.tx, ctx.dossier.procedureId);
    const previous = steps[ctx.dossier.currentStep - 2];
    if (!previous) throw new AppError('NO_PREVIOUS_STEP');
    await finishStep(ctx, body.reason);
    const open = await startStep(ctx.tx, {
      dossierId: ctx.dossier.id,
      step: previous,
      agencyId: ctx.dossier.agencyId,
      at: ctx.at,
      calendar: ctx.calendar,
    });
    return { patch: { ...open, currentStep: ctx.dossier.currentStep - 1, assigneeId: null } };
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
    return { patch: await openPause(ctx, body.reason) };
  },

  async resume(ctx) {
    return { patch: await closePause(ctx) };
  },

  async transfer(ctx, body) {
    const { dossier } = ctx;
    if (body.toAgencyId === dossier.agencyId || !(await ctx.deps.agencyActive(ctx.tx, body.toAgencyId))) {
      throw new AppError('TRANSFER_TARGET_INVALID');
    }
    await finishStep(ctx, body.reason);
    // Liên thông: the receiving agency works against the dossier's own deadline.
    const step: ProcedureStep = {
      name: 'Liên thông: xử lý tại cơ quan phối hợp',
      role: 'officer',
      budget: dossier.budget,
    };
    const open = await startStep(ctx.tx, {
      dossierId: dossier.id,
      step,
      agencyId: body.toAgencyId,
      at: ctx.at,
      calendar: ctx.calendar,
      dueAt: dossier.dueAt,
    });
    return {
      patch: { ...open, agencyId: body.toAgencyId, assigneeId: null, transferCount: dossier.transferCount + 1 },
    };
  },

  async apologize(ctx, body) {
    const { dossier, at, calendar } = ctx;
    if (dossier.apologyAt) throw new AppError('APOLOGY_ALREADY_ISSUED');
    // Issue 13: an apology after the due instant is still accepted (the citizen needs a new date),
    // marked `late`; less than one working day before is `short` (domain B2). The dossier stays late
    // in every figure: `dueAt` never moves. While paused, the clock stands at the pause's start.
    const clock = dossier.pausedSince ?? at;
    const left = remainingWorkingTime(calendar, clock.getTime(), dossier.dueAt.getTime());
    const kind: ApologyKind = clock >= dossier.dueAt ? 'late' : left < calendar.dayLength ? 'short' : 'on_time';
    const promisedAt = new Date(body.promisedAt);
    // The new date is allowed once and cannot be corrected: after the due instant and now, and no
    // later than the procedure's whole budget again counted from the later of the two (issue 9).
    const from = Math.max(dossier.dueAt.getTime(), at.getTime());
    const horizon = computeDeadline(calendar, from, dossier.budget).dueAt;
    if (promisedAt <= dossier.dueAt || promisedAt <= at || promisedAt.getTime() > horizon)
      throw new AppError('PROMISED_DATE_INVALID');
    const warnings = { on_time: [], short: ['LESS_THAN_ONE_WORKING_DAY_LEFT'], late: ['APOLOGY_AFTER_DUE'] }[kind];
    const { version: _seen, ...fields } = body;
    return { patch: { apologyAt: at, apologyKind: kind, promisedAt }, warnings, data: { ...fields, kind } };
  },

  async decide(ctx, body) {
    // Issue 13: the decision belongs to the approval step, the procedure's last (or its only one);
    // imported history carries no steps and is exempt.
    const steps = await ctx.deps.stepsOf(ctx.tx, ctx.dossier.procedureId);
    const approval = steps.at(-1);
    if (ctx.by.kind !== 'import' && approval && ctx.dossier.currentStep < steps.length) {
      throw new AppError('DECIDE_NOT_AT_APPROVAL', {
        approval: approval.name,
        current: steps[ctx.dossier.currentStep - 1]?.name ?? '',
      });
    }
    const closed = await closePause(ctx); // B2: a decision during a pause closes the pause first
    await finishStep(ctx);
    return { patch: { ...closed, finishedAt: ctx.at, outcome: body.outcome, assigneeId: null, openStepSeq: null } };
  },

  async 'return-result'(ctx, body) {
    return { patch: { returnedAt: ctx.at, returnMethod: body.method } };
  },

  async withdraw(ctx) {
    const closed = await closePause(ctx);
    await finishStep(ctx);
    return { patch: { ...closed, withdrawnAt: ctx.at, assigneeId: null, openStepSeq: null } };
  },

  async rate(ctx, body) {
    // One rating per dossier, after its decision (feeds satisfaction in the index, domain B5).
    if (await repo.hasRating(ctx.tx, ctx.dossier.id)) throw new AppError('RATING_NOT_ALLOWED');
    await repo.insertRating(ctx.tx, {
      dossierId: ctx.dossier.id,
      level: body.level,
      comment: body.comment ?? null,
      at: ctx.at,
    });
    return { patch: {}, data: { level: body.level } };
  },

  async 'print-receipt'(_ctx, body) {
    // The event says which layout and whether the PIN was on the paper, never the PIN.
    return { patch: {}, data: { layout: body.layout, withPin: body.withPin } };
  },

  async 'reissue-pin'(ctx) {
    // A lost PIN (documents issue): the new one replaces the old at once; the event records who
    // and when, never the PIN itself.
    const pin = newLookupPin();
    return { patch: { lookupPinHash: hashLookupPin(ctx.dossier.id, pin) }, data: {}, result: { lookupPin: pin } };
  },

  // files (issue 15)
  'attach-component': (ctx, body) => attachFile(ctx, body, true),
  'attach-result': (ctx, body) => attachFile(ctx, body, false),
  'remove-component': removeFile,
  'remove-result': removeFile,
};
