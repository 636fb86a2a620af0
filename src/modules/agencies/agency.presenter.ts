import type { AgencyRow, AgencyVersionRow } from './agency.repository.js';

export function presentAgency(a: AgencyRow) {
  return {
    id: a.id,
    parentId: a.parentId,
    name: a.name,
    electronicId: a.electronicId,
    level: a.level,
    active: a.active,
    activeFrom: a.activeFrom,
    activeTo: a.activeTo,
    calendar: a.calendar ?? null,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

export function presentVersion(v: AgencyVersionRow) {
  return { validFrom: v.validFrom, validTo: v.validTo, name: v.name, parentId: v.parentId, level: v.level, active: v.active, changedBy: v.changedBy };
}

export type AgencyTreeNode = ReturnType<typeof presentAgency> & { children: AgencyTreeNode[] };

/** Nests agencies under their parents; agencies whose parent is not in the list become roots. */
export function presentTree(rows: AgencyRow[]): AgencyTreeNode[] {
  const nodes = new Map(rows.map((r) => [r.id, { ...presentAgency(r), children: [] as AgencyTreeNode[] }]));
  const roots: AgencyTreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}
