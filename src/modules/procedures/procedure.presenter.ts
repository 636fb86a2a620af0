import type { InstantFormatter } from '../../lib/dates.js';
import type { Budget, ProcedureStep } from '../../lib/values.js';
import type { ProcedureRow } from './procedure.repository.js';

export type { ProcedureStep };

export function procedureBudget(p: ProcedureRow): Budget {
  return { value: p.budgetValue, unit: p.budgetUnit, ...(p.cutoff ? { cutoff: p.cutoff } : {}) };
}

export function presentProcedure(p: ProcedureRow, iso: InstantFormatter) {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    field: p.field,
    agencyId: p.agencyId,
    budget: procedureBudget(p),
    supplementPolicy: p.supplementPolicy,
    steps: p.steps,
    fee: p.fee,
    requiresResultDocument: p.requiresResultDocument,
    active: p.active,
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
  };
}

export type ProcedureView = ReturnType<typeof presentProcedure>;
