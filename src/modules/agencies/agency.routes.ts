import type { Api } from '../../http/endpoint.js';
import { ALL_STAFF } from '../auth/roles.js';
import {
  agencyIdSchema,
  createAgencySchema,
  listAgenciesSchema,
  treeSchema,
  updateAgencySchema,
} from './agency.schemas.js';
import type { AgencyService, CreateAgencyInput, ListAgenciesInput, UpdateAgencyInput } from './agency.service.js';
import { agencyResponses } from './agency.responses.js';

type IdParams = { id: string };
const tag = 'Agencies';
const agencyId = { id: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f' };

/** The agency catalogue is public knowledge inside the administration: every staff role may read it. */
export function agencyRoutes(api: Api, service: AgencyService): void {
  api.endpoint<CreateAgencyInput>(
    {
      method: 'post',
      path: '/agencies',
      tag,
      summary: 'Create an agency',
      access: ['admin'],
      schema: createAgencySchema,
      status: 201,
      description: {
        vi: 'Thêm một cơ quan, đơn vị vào danh mục (mã định danh điện tử theo QCVN 102). Có thể đặt ngày bắt đầu hoạt động trong quá khứ.',
        en: 'Adds an agency to the catalogue (electronic ID per QCVN 102). Its activeFrom may lie in the past.',
      },
      response: agencyResponses.agency,
      examples: {
        body: {
          name: 'UBND phường Sơn Nam',
          electronicId: '001.02.00.H33',
          level: 'commune',
          parentId: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f',
          activeFrom: '2025-07-01',
        },
      },
    },
    ({ actor, body }) => service.create(actor, body),
  );
  api.endpoint<never, ListAgenciesInput & { parentId?: string }>(
    {
      method: 'get',
      path: '/agencies',
      tag,
      summary: 'List agencies (flat); parentId=root for top level',
      access: ALL_STAFF,
      schema: listAgenciesSchema,
      description: {
        vi: 'Danh sách cơ quan theo tên, lọc theo cơ quan cấp trên (root: cấp cao nhất), cấp, trạng thái, từ khóa; phân trang bằng con trỏ.',
        en: 'Agencies by name, filtered by parent (root: top level), level, active flag and text; keyset pagination.',
      },
      response: agencyResponses.list,
      examples: { query: { level: 'commune', active: true, limit: 20 } },
    },
    ({ query }) => service.list({ ...query, parentId: query.parentId === 'root' ? null : query.parentId }),
  );
  api.endpoint<never, { rootId?: string }>(
    {
      method: 'get',
      path: '/agencies/tree',
      tag,
      summary: 'The agency tree',
      access: ALL_STAFF,
      schema: treeSchema,
      description: {
        vi: 'Cây cơ quan (toàn bộ, hoặc nhánh dưới rootId), mỗi nút có các cơ quan cấp dưới trong children.',
        en: 'The agency tree (all of it, or the subtree under rootId), each node with its children.',
      },
      response: agencyResponses.tree,
      examples: {},
    },
    ({ query }) => service.tree(query.rootId),
  );
  api.endpoint<never, never, IdParams>(
    {
      method: 'get',
      path: '/agencies/:id',
      tag,
      summary: 'Read an agency',
      access: ALL_STAFF,
      schema: agencyIdSchema,
      description: {
        vi: 'Thông tin hiện hành của một cơ quan, kể cả lịch làm việc riêng (nếu có).',
        en: 'The current record of an agency, with its own working calendar if any.',
      },
      response: agencyResponses.agency,
      examples: { params: agencyId },
    },
    ({ params }) => service.get(params.id),
  );
  api.endpoint<never, never, IdParams>(
    {
      method: 'get',
      path: '/agencies/:id/history',
      tag,
      summary: 'Effective-dated versions of an agency',
      access: ALL_STAFF,
      schema: agencyIdSchema,
      description: {
        vi: 'Các phiên bản theo ngày hiệu lực (tên, cơ quan cấp trên, cấp, trạng thái): báo cáo của kỳ cũ dùng phiên bản của kỳ đó.',
        en: "Effective-dated versions (name, parent, level, active): reports of a past period use that period's version.",
      },
      response: agencyResponses.history,
      examples: { params: agencyId },
    },
    ({ params }) => service.history(params.id),
  );
  api.endpoint<UpdateAgencyInput, never, IdParams>(
    {
      method: 'patch',
      path: '/agencies/:id',
      tag,
      summary: 'Rename, re-parent, (de)activate an agency',
      access: ['admin'],
      schema: updateAgencySchema,
      description: {
        vi: 'Đổi tên, đổi cơ quan cấp trên, ngừng/hoạt động lại hoặc đổi lịch làm việc, có hiệu lực từ ngày effectiveFrom; đổi lịch sẽ tính lại thời hạn hồ sơ đang mở.',
        en: 'Renames, re-parents, (de)activates or changes the calendar, effective from effectiveFrom; a calendar change recomputes open deadlines.',
      },
      response: agencyResponses.agency,
      examples: { params: agencyId, body: { name: 'UBND phường Sơn Nam', effectiveFrom: '2026-01-01' } },
    },
    ({ actor, params, body }) => service.update(actor, params.id, body),
  );
}
