import type { InstantFormatter } from '../../lib/dates.js';
import type { AgencyRow, AgencyVersionRow } from './agency.repository.js';

export function presentAgency(a: AgencyRow, iso: InstantFormatter) {
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
    createdAt: iso(a.createdAt),
    updatedAt: iso(a.updatedAt),
  };
}

export function presentVersion(v: AgencyVersionRow) {
  return {
    validFrom: v.validFrom,
    validTo: v.validTo,
    name: v.name,
    parentId: v.parentId,
    level: v.level,
    active: v.active,
    changedBy: v.changedBy,
  };
}

export type AgencyTreeNode = ReturnType<typeof presentAgency> & { children: AgencyTreeNode[] };

/** Nests agencies under their parents; agencies whose parent is not in the list become roots. */
export function presentTree(rows: AgencyRow[], iso: InstantFormatter): AgencyTreeNode[] {
  const nodes = new Map(rows.map((r) => [r.id, { ...presentAgency(r, iso), children: [] as AgencyTreeNode[] }]));
  const roots: AgencyTreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}
