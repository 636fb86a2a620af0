/**
 * The agency set of a seeded country: since July 2025 local government has two levels (domain A1),
 * so each province has its provincial one-stop centre, its departments and its communes.
 */
import { agencies, procedures } from '../../src/db/schema/index.js';
import type { Db } from '../../src/db/client.js';
import type { Budget } from '../../src/modules/calendar/deadline.js';
import { defaultSteps } from '../../src/modules/procedures/procedure.service.js';

export interface SeedAgency {
  id: string;
  electronicId: string;
  /** The one-stop unit whose counter receives its dossiers (the province centre, or the commune itself). */
  receivingId: string;
  level: 'department' | 'commune';
  province: number;
}

export interface SeedProcedure {
  id: string;
  budget: Budget;
  level: 'department' | 'commune';
}

export interface Shape {
  provinces: number;
  departments: number;
  communes: number;
}

export const BUDGETS: Budget[] = [
  { value: 3, unit: 'working_days' },
  { value: 10, unit: 'working_days' },
  { value: 8, unit: 'working_hours' },
  { value: 0, unit: 'same_day', cutoff: '15:00' },
  { value: 15, unit: 'working_days' },
  { value: 5, unit: 'working_days' },
];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Electronic ids `9PP.DD.CC.Vxx`: unique per run tag, the shape of the national code list. */
export async function createCatalog(
  db: Db,
  tag: string,
  shape: Shape,
): Promise<{ agencies: SeedAgency[]; procedures: SeedProcedure[] }> {
  const out: SeedAgency[] = [];
  const suffix = `V${tag}`;
  const insert = async (values: typeof agencies.$inferInsert) =>
    (await db.insert(agencies).values(values).returning({ id: agencies.id }))[0]!.id;
  for (let p = 0; p < shape.provinces; p++) {
    const code = pad(900 + p, 3);
    const province = await insert({
      name: `Tỉnh đo tải ${tag}-${p + 1}`,
      electronicId: `${code}.00.00.${suffix}`,
      level: 'province',
      activeFrom: '2020-01-01',
    });
    const centre = await insert({
      name: `Trung tâm Phục vụ hành chính công ${tag}-${p + 1}`,
      electronicId: `${code}.99.00.${suffix}`,
      level: 'center',
      parentId: province,
      activeFrom: '2020-01-01',
    });
    for (let d = 0; d < shape.departments; d++) {
      const electronicId = `${code}.${pad(d + 1, 2)}.00.${suffix}`;
      const id = await insert({
        name: `Sở đo tải ${p + 1}.${d + 1}`,
        electronicId,
        level: 'department',
        parentId: province,
        activeFrom: '2020-01-01',
      });
      out.push({ id, electronicId, receivingId: centre, level: 'department', province: p });
    }
    for (let c = 0; c < shape.communes; c++) {
      const electronicId = `${code}.00.${pad(c + 1, 2)}.${suffix}`;
      const id = await insert({
        name: `Xã đo tải ${p + 1}.${c + 1}`,
        electronicId,
        level: 'commune',
        parentId: province,
        activeFrom: '2020-01-01',
      });
      out.push({ id, electronicId, receivingId: id, level: 'commune', province: p });
    }
  }
  const procs: SeedProcedure[] = [];
  for (const [i, budget] of BUDGETS.entries()) {
    const level = i % 2 === 0 ? 'commune' : 'department';
    const [row] = await db
      .insert(procedures)
      .values({
        code: `VOL.${tag}.${i}`,
        name: `Thủ tục đo tải ${i}`,
        field: level === 'commune' ? 'Hộ tịch' : 'Đất đai',
        budgetValue: budget.value,
        budgetUnit: budget.unit,
        cutoff: budget.cutoff ?? null,
        steps: defaultSteps(budget),
      })
      .returning({ id: procedures.id });
    procs.push({ id: row!.id, budget, level });
  }
  return { agencies: out, procedures: procs };
}
