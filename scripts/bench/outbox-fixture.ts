/** What both outbox benchmarks (outbox.ts, outbox-roles.ts) set up: a centre, a procedure, a receptionist. */
import type { Db } from '../../src/db/client.js';
import { agencies, procedures, users } from '../../src/db/schema/index.js';
import { signAccessToken } from '../../src/modules/auth/tokens.js';
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
    // Consent to SMS and Zalo (until intake takes applicant.notify, MERGE.md).
    OUTBOX_DEFAULT_CONSENT: 'sms,zalo',
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
    body: JSON.stringify({
      procedureCode: procedure!.code,
      channel: 'direct',
      applicant: { name: 'Nguyễn Văn Đo Tải', phone: '0912345678' },
    }),
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  };
}
