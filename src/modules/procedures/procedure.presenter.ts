import type { Budget } from '../calendar/deadline.js';
import type { ProcedureRow } from './procedure.repository.js';

export interface ProcedureStep {
  name: string;
  role: string;
  budget: Budget;
}

export function procedureBudget(p: ProcedureRow): Budget {
  return { value: p.budgetValue, unit: p.budgetUnit as Budget['unit'], ...(p.cutoff ? { cutoff: p.cutoff } : {}) };
}

export function presentProcedure(p: ProcedureRow) {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    field: p.field,
    agencyId: p.agencyId,
    budget: procedureBudget(p),
    supplementPolicy: p.supplementPolicy,
    steps: p.steps as ProcedureStep[],
    fee: p.fee,
    requiresResultDocument: p.requiresResultDocument,
    active: p.active,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export type ProcedureView = ReturnType<typeof presentProcedure>;
