import type { AgencyLevel } from '../modules/agencies/agency.service.js';

export interface DemoAgency {
  key: string;
  name: string;
  electronicId: string;
  level: AgencyLevel;
  parent?: string;
}

/**
 * A demo province after the 2025 reorganisation (two levels: province and commune): the provincial
 * People's Committee, its public administration service centre, five departments and ten communes
 * and wards. Names are real Vietnamese administrative names; the electronic IDs follow the
 * QCVN 102 shape but are made up for the demo.
 */
export const demoAgencies: DemoAgency[] = [
  { key: 'tinh', name: 'UBND tỉnh Hưng Yên', electronicId: '000.00.00.H33', level: 'province' },
  {
    key: 'ttpvhcc',
    name: 'Trung tâm Phục vụ hành chính công tỉnh Hưng Yên',
    electronicId: '000.00.01.H33',
    level: 'center',
    parent: 'tinh',
  },
  { key: 'sotp', name: 'Sở Tư pháp', electronicId: '000.00.12.H33', level: 'department', parent: 'tinh' },
  { key: 'soxd', name: 'Sở Xây dựng', electronicId: '000.00.15.H33', level: 'department', parent: 'tinh' },
  {
    key: 'sonnmt',
    name: 'Sở Nông nghiệp và Môi trường',
    electronicId: '000.00.18.H33',
    level: 'department',
    parent: 'tinh',
  },
  { key: 'sotc', name: 'Sở Tài chính', electronicId: '000.00.10.H33', level: 'department', parent: 'tinh' },
  { key: 'soyt', name: 'Sở Y tế', electronicId: '000.00.20.H33', level: 'department', parent: 'tinh' },
  { key: 'phohien', name: 'UBND phường Phố Hiến', electronicId: '001.01.00.H33', level: 'commune', parent: 'tinh' },
  { key: 'sonnam', name: 'UBND phường Sơn Nam', electronicId: '001.02.00.H33', level: 'commune', parent: 'tinh' },
  { key: 'hongchau', name: 'UBND phường Hồng Châu', electronicId: '001.03.00.H33', level: 'commune', parent: 'tinh' },
  { key: 'myhao', name: 'UBND phường Mỹ Hào', electronicId: '001.04.00.H33', level: 'commune', parent: 'tinh' },
  { key: 'vanlam', name: 'UBND xã Văn Lâm', electronicId: '001.05.00.H33', level: 'commune', parent: 'tinh' },
  { key: 'khoaichau', name: 'UBND xã Khoái Châu', electronicId: '001.06.00.H33', level: 'commune', parent: 'tinh' },
  { key: 'tienlu', name: 'UBND xã Tiên Lữ', electronicId: '001.07.00.H33', level: 'commune', parent: 'tinh' },
  { key: 'phucu', name: 'UBND xã Phù Cừ', electronicId: '001.08.00.H33', level: 'commune', parent: 'tinh' },
  { key: 'thaibinh', name: 'UBND phường Thái Bình', electronicId: '001.09.00.H33', level: 'commune', parent: 'tinh' },
  { key: 'vuthu', name: 'UBND xã Vũ Thư', electronicId: '001.10.00.H33', level: 'commune', parent: 'tinh' },
];

export const demoPeople: Record<string, string> = {
  supervisor: 'Nguyễn Thị Thu Hà',
  receptionist: 'Trần Văn Minh',
  officer: 'Lê Thị Hồng Nhung',
  leader: 'Phạm Quốc Hùng',
  admin: 'Đỗ Mạnh Cường',
};
