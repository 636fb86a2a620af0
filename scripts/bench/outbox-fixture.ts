/**
 * What the outbox benchmarks set up: a centre, a procedure, a receptionist (outbox.ts, outbox-roles.ts), an
 * intake's three messages as the dispatcher plans them (outbox-layout.ts), and what the write path records
 * of the intake for that (statement-cache.ts).
 */
import type { Db } from '../../src/db/client.js';
import { agencies, procedures, users } from '../../src/db/schema/index.js';
import { signAccessToken } from '../../src/modules/auth/tokens.js';
import { uuidv7 } from '../../src/lib/uuid7.js';
import { contextOf, planMessages } from '../../src/modules/outbox/outbox.plan.js';
import { outboxRows } from '../../src/modules/outbox/outbox.repository.js';
import type {
  DossierSnapshot,
  EventContext,
  LifecycleEvent,
  PlanSettings,
} from '../../src/modules/outbox/outbox.types.js';
import { defaultSteps } from '../../src/modules/procedures/procedure.service.js';

export const BENCH_SECRET = 'bench-secret-that-is-long-enough-0123456789';

/** Every citizen channel but e-mail, and the portal, pointed at a local receiver at `rx`. */
export function channelsOn(rx: string): Record<string, string> {
  return {
    SMS_ENABLED: 'true',
    SMS_GATEWAY_URL: `${rx}/sms`,
    SMS_GATEWAY_TOKEN: 't',
    ZALO_ENABLED: 'true',
    ZALO_API_URL: `${rx}/zalo`,
    ZALO_ACCESS_TOKEN: 't',
    ZALO_TEMPLATE_INTAKE: 'tpl',
    PORTAL_SYNC_ENABLED: 'true',
    PORTAL_SYNC_URL: `${rx}/portal`,
    PORTAL_SYNC_SECRET: 's'.repeat(40),
    OUTBOX_POLL_MS: '100',
    // Consent to SMS and Zalo for the minimal intake, which names none (the counter intake does: BENCH_BODY).
    OUTBOX_DEFAULT_CONSENT: 'sms,zalo',
  };
}

/**
 * The intake autocannon repeats (BENCH_BODY):
 *   minimal (default) — a name and a phone, consent from OUTBOX_DEFAULT_CONSENT: the cheapest intake, so the
 *                       one its notifications weigh most on;
 *   counter — what the counter records for form 01 (domain A4): ID number, phone, address, the consent
 *             taken at intake (`applicant.notify`, issue 12) and the numbered components received.
 */
function intakeBody(procedureCode: string, kind: string) {
  if (kind === 'minimal')
    return { procedureCode, channel: 'direct', applicant: { name: 'Nguyễn Văn Đo Tải', phone: '0912345678' } };
  if (kind !== 'counter') throw new Error(`BENCH_BODY: minimal or counter, not ${kind}`);
  return {
    procedureCode,
    channel: 'direct',
    applicant: {
      name: 'Nguyễn Văn Đo Tải',
      idNumber: '033090001234',
      phone: '0912345678',
      address: 'Số 12, đường Nguyễn Văn Linh, phường Hiến Nam, thành phố Hưng Yên, tỉnh Hưng Yên',
      notify: ['sms', 'zalo'],
    },
    components: [
      { name: 'Đơn đề nghị cấp giấy phép xây dựng (Mẫu 01)', copies: 1 },
      { name: 'Bản sao giấy chứng nhận quyền sử dụng đất', copies: 1 },
      { name: 'Bản vẽ thiết kế xây dựng', copies: 2 },
    ],
    note: 'Nộp trực tiếp tại quầy số 3.',
  };
}

/** A fresh centre + department + procedure + receptionist; the intake request autocannon repeats. */
export async function benchWorld(db: Db) {
  const tag = Date.now().toString(36).slice(-5);
  const eid = () =>
    `${String(Math.floor(Math.random() * 999)).padStart(3, '0')}.${String(Math.floor(Math.random() * 99)).padStart(2, '0')}.00.B${tag.slice(-2)}`;
  const [center] = await db
    .insert(agencies)
    .values({ name: `TTPVHCC đo tải ${tag}`, electronicId: eid(), level: 'center', activeFrom: '2020-01-01' })
    .returning();
  const [department] = await db
    .insert(agencies)
    .values({
      name: `Sở đo tải ${tag}`,
      electronicId: eid(),
      level: 'department',
      parentId: center!.id,
      activeFrom: '2020-01-01',
    })
    .returning();
  const [procedure] = await db
    .insert(procedures)
    .values({
      code: `OUTBOX.${tag}`,
      name: 'Thủ tục đo tải thông báo',
      field: 'Đo tải',
      agencyId: department!.id,
      budgetValue: 3,
      budgetUnit: 'working_days',
      steps: defaultSteps({ value: 3, unit: 'working_days' }),
    })
    .returning();
  const [receptionist] = await db
    .insert(users)
    .values({
      username: `bench.o.${tag}`,
      fullName: 'Đo tải',
      roles: ['receptionist'],
      agencyId: center!.id,
      passwordHash: 'x',
    })
    .returning();
  const token = signAccessToken(
    { userId: receptionist!.id, username: receptionist!.username, roles: ['receptionist'], agencyId: center!.id },
    BENCH_SECRET,
    3600,
  );
  return {
    tag,
    body: JSON.stringify(intakeBody(procedure!.code, process.env.BENCH_BODY ?? 'minimal')),
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  };
}

/** The plan settings of the benches that build an intake's messages themselves: SMS, Zalo and the portal. */
const settings: PlanSettings = {
  publicBaseUrl: 'https://dichvucong.hungyen.gov.vn',
  timeZone: 'Asia/Ho_Chi_Minh',
  enabled: new Set(['sms', 'zalo', 'portal']),
  sms: { unicode: false, maxLength: 160 },
  zaloTemplates: { intake: 'tpl' },
  portalSourceId: 'motcua',
  defaultConsent: ['sms', 'zalo'],
};

/** Intake `n`'s first event and its dossier as the event leaves it (what the planner is given). */
function sampleIntake(dossierId: string, n: number) {
  const at = new Date();
  const seq = 1;
  const code = `000.32.00.H31-261206-${String(n % 10_000).padStart(4, '0')}`;
  const dossier = {
    id: dossierId,
    code,
    status: 'received',
    channel: 'direct',
    applicant: { name: 'Nguyễn Văn Đo Tải', phone: '0912345678' },
    procedure: { code: '1.001234', name: 'Cấp giấy phép xây dựng nhà ở riêng lẻ' },
    agency: { name: 'Phòng Kinh tế, Hạ tầng và Đô thị', electronicId: '000.32.00.H31' },
    receivingAgency: { name: 'Trung tâm Phục vụ hành chính công tỉnh', electronicId: '000.00.00.H31' },
    receivedAt: at,
    dueAt: new Date(at.getTime() + 4 * 86_400_000),
    promisedAt: null,
    finishedAt: null,
    returnedAt: null,
    withdrawnAt: null,
    pausedSince: null,
    outcome: null,
    supplementCount: 0,
  } as unknown as DossierSnapshot;
  const event: LifecycleEvent = {
    seq,
    type: 'received',
    at,
    fromStatus: null,
    toStatus: 'received',
    data: { channel: 'direct' },
  };
  return { event, dossier };
}

/** The three messages of intake `n` (event 1 of `dossierId`), as JSON rows for `jsonb_to_recordset`. */
export function intakeMessages(dossierId: string, n: number) {
  const { event, dossier } = sampleIntake(dossierId, n);
  return outboxRows(planMessages(event, dossier, settings));
}

/** What the write path records of intake `n` for its messages to be planned later (`outbox_events`). */
export function intakeContext(dossierId: string, n: number): EventContext {
  const { event, dossier } = sampleIntake(dossierId, n);
  const ids = { procedureId: uuidv7(), agencyId: uuidv7(), receivingAgencyId: uuidv7() };
  return contextOf(event, { ...dossier, ...ids }, settings)!;
}
