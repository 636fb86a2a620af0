import type { Db, Tx } from '../../db/client.js';
import { instantFormatter } from '../../lib/dates.js';
import type { ProcedureStep, SupplementPolicy } from '../../lib/values.js';
import { AppError } from '../../http/errors.js';
import { decodeCursor, toPage } from '../../http/pagination.js';
import type { Budget } from '../calendar/deadline.js';
import { presentProcedure } from './procedure.presenter.js';
import * as repo from './procedure.repository.js';

export interface ProcedureInput {
  code: string;
  name: string;
  field: string;
  agencyId?: string | null;
  budget: Budget;
  supplementPolicy?: SupplementPolicy;
  steps?: ProcedureStep[];
  fee?: number | null;
  requiresResultDocument?: boolean;
}

export type ProcedureUpdate = Partial<Omit<ProcedureInput, 'code'>> & { active?: boolean };

/**
 * Steps when a procedure names none: reception at the one-stop unit, appraisal by an officer
 * within the procedure's own time, approval by a leader.
 */
export function defaultSteps(budget: Budget): ProcedureStep[] {
  return [
    { name: 'Tiếp nhận hồ sơ', role: 'receptionist', budget: { value: 4, unit: 'working_hours' } },
    { name: 'Thẩm định hồ sơ', role: 'officer', budget },
    { name: 'Phê duyệt kết quả', role: 'leader', budget: { value: 8, unit: 'working_hours' } },
  ];
}

export type ProcedureService = ReturnType<typeof createProcedureService>;

export function createProcedureService(db: Db, timeZone: string, agencyExists: (id: string) => Promise<boolean>) {
  const changeListeners: Array<() => void> = [];
  const iso = instantFormatter(timeZone);
  const present = (row: repo.ProcedureRow) => presentProcedure(row, iso);
  async function assertAgency(agencyId: string | null | undefined): Promise<void> {
    if (agencyId && !(await agencyExists(agencyId))) throw new AppError('AGENCY_NOT_FOUND');
  }

  async function getIn(via: Db, id: string) {
    const row = await repo.findProcedure(via, id);
    if (!row) throw new AppError('PROCEDURE_NOT_FOUND');
    return present(row);
  }

  function budgetColumns(budget: Budget) {
    return { budgetValue: budget.value, budgetUnit: budget.unit, cutoff: budget.cutoff ?? null };
  }

  return {
    async create(input: ProcedureInput) {
      await assertAgency(input.agencyId);
      if (await repo.findByCode(db, input.code)) throw new AppError('PROCEDURE_CODE_TAKEN');
      const row = await repo.insertProcedure(db, {
        code: input.code,
        name: input.name,
        field: input.field,
        agencyId: input.agencyId ?? null,
        ...budgetColumns(input.budget),
        supplementPolicy: input.supplementPolicy ?? 'pause',
        steps: input.steps ?? defaultSteps(input.budget),
        fee: input.fee ?? null,
        requiresResultDocument: input.requiresResultDocument ?? true,
      });
      return present(row);
    },

    async list(input: Omit<repo.ProcedureFilter, 'after'> & { cursor?: string }) {
      const rows = await repo.listProcedures(db, { ...input, after: decodeCursor(input.cursor, ['text']) });
      return toPage(rows, input.limit, (p) => [p.code], present);
    },

    get: (id: string) => getIn(db, id),

    /** `via`: the pool, or the transaction the caller is in. */
    getIn,

    /** Active procedure by its code, for intake and import, inside the caller's transaction. */
    async activeByCodeIn(tx: Tx, code: string) {
      const row = await repo.findByCode(tx, code);
      if (!row || !row.active) throw new AppError('PROCEDURE_NOT_FOUND');
      return present(row);
    },

    async update(id: string, input: ProcedureUpdate) {
      await assertAgency(input.agencyId);
      const row = await repo.updateProcedure(db, id, {
        name: input.name,
        field: input.field,
        agencyId: input.agencyId,
        ...(input.budget ? budgetColumns(input.budget) : {}),
        supplementPolicy: input.supplementPolicy,
        steps: input.steps,
        fee: input.fee,
        requiresResultDocument: input.requiresResultDocument,
        active: input.active,
      });
      if (!row) throw new AppError('PROCEDURE_NOT_FOUND');
      for (const listener of changeListeners) listener();
      return present(row);
    },

    /** Called after a procedure changes, so caches of the catalogue drop their copies. */
    onChanged(listener: () => void): void {
      changeListeners.push(listener);
    },
  };
}
