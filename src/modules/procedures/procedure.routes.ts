import type { Api } from '../../http/endpoint.js';
import { ALL_STAFF } from '../auth/roles.js';
import {
  createProcedureSchema,
  listProceduresSchema,
  procedureIdSchema,
  updateProcedureSchema,
} from './procedure.schemas.js';
import { procedureResponses } from './procedure.responses.js';
import type { ProcedureInput, ProcedureService, ProcedureUpdate } from './procedure.service.js';

type IdParams = { id: string };
type ListQuery = Parameters<ProcedureService['list']>[0];
const tag = 'Procedures';

export function procedureRoutes(api: Api, service: ProcedureService): void {
  api.endpoint<ProcedureInput>(
    {
      method: 'post',
      path: '/procedures',
      tag,
      summary: 'Add a procedure to the catalogue',
      access: ['admin'],
      schema: createProcedureSchema,
      status: 201,
      description: {
        vi: 'Thêm thủ tục hành chính: mã, lĩnh vực, cơ quan giải quyết, thời hạn, các bước xử lý, lệ phí.',
        en: 'Adds an administrative procedure: code, field, handling agency, processing time, steps, fee.',
      },
      response: procedureResponses.procedure,
      examples: {
        body: {
          code: '1.001193',
          name: 'Đăng ký khai sinh',
          field: 'Hộ tịch',
          agencyId: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f',
          budget: { value: 3, unit: 'working_days' },
          supplementPolicy: 'pause',
          fee: 0,
          steps: [
            { name: 'Tiếp nhận hồ sơ', role: 'receptionist', budget: { value: 4, unit: 'working_hours' } },
            { name: 'Thẩm định hồ sơ', role: 'officer', budget: { value: 2, unit: 'working_days' } },
            { name: 'Phê duyệt', role: 'leader', budget: { value: 4, unit: 'working_hours' } },
          ],
        },
      },
    },
    ({ body }) => service.create(body),
  );
  api.endpoint<never, ListQuery>(
    {
      method: 'get',
      path: '/procedures',
      tag,
      summary: 'List procedures (filter by code, field, agency, text)',
      access: ALL_STAFF,
      schema: listProceduresSchema,
      description: {
        vi: 'Danh mục thủ tục theo mã, lọc theo lĩnh vực, cơ quan, từ khóa.',
        en: 'The procedure catalogue by code, filtered by field, agency and text.',
      },
      response: procedureResponses.list,
      examples: { query: { field: 'Hộ tịch', limit: 20 } },
    },
    ({ query }) => service.list(query),
  );
  api.endpoint<never, never, IdParams>(
    {
      method: 'get',
      path: '/procedures/:id',
      tag,
      summary: 'Read a procedure',
      access: ALL_STAFF,
      schema: procedureIdSchema,
      description: {
        vi: 'Một thủ tục hành chính với các bước và thời hạn.',
        en: 'One procedure with its steps and processing time.',
      },
      response: procedureResponses.procedure,
      examples: { params: { id: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f' } },
    },
    ({ params }) => service.get(params.id),
  );
  api.endpoint<ProcedureUpdate, never, IdParams>(
    {
      method: 'patch',
      path: '/procedures/:id',
      tag,
      summary: 'Update or (de)activate a procedure',
      access: ['admin'],
      schema: updateProcedureSchema,
      description: {
        vi: 'Sửa thủ tục; hồ sơ đã tiếp nhận giữ thời hạn và các bước của lúc tiếp nhận.',
        en: 'Updates a procedure; dossiers already received keep the processing time and steps of their intake.',
      },
      response: procedureResponses.procedure,
      examples: { params: { id: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f' }, body: { fee: 8000 } },
    },
    ({ params, body }) => service.update(params.id, body),
  );
  api.endpoint<never, never, IdParams>(
    {
      method: 'post',
      path: '/procedures/:id/deactivate',
      tag,
      summary: 'Stop accepting new dossiers for a procedure',
      access: ['admin'],
      schema: procedureIdSchema,
      description: {
        vi: 'Ngừng tiếp nhận hồ sơ mới cho thủ tục; hồ sơ đang giải quyết không đổi.',
        en: 'Stops new intakes for the procedure; running dossiers are unaffected.',
      },
      response: procedureResponses.procedure,
      examples: { params: { id: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f' } },
    },
    ({ params }) => service.update(params.id, { active: false }),
  );
}
