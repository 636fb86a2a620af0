import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export const PORTAL_SECRET = 'portal-secret-shared-with-the-national-portal-0123';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: Record<string, unknown>;
  /** For /portal: whether X-Motcua-Signature matched the body. */
  signatureValid: boolean;
  at: number;
}

/** What the fake answers: a status (and body), after a delay; `hang` never answers (a timeout). */
export type Behaviour = (req: Received, count: number) => { status: number; body?: unknown; delayMs?: number } | 'hang';

function validSignature(body: string, header: string | string[] | undefined): boolean {
  if (typeof header !== 'string') return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', PORTAL_SECRET).update(body, 'utf8').digest('hex')}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * One local HTTP server on 127.0.0.1 playing the SMS gateway (/sms), Zalo ZNS (/zalo) and the
 * national portal (/portal, which refuses a bad signature with 401 like a real receiver would).
 */
export async function startHttpReceiver() {
  const received: Received[] = [];
  let behaviour: Behaviour = (req) =>
    req.path === '/zalo'
      ? { status: 200, body: { error: 0, message: 'Success' } }
      : { status: 200, body: { ok: true } };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(body) as Record<string, unknown>;
      } catch {
        /* not JSON: kept as text */
      }
      const entry: Received = {
        path: req.url ?? '',
        headers: req.headers,
        body,
        json,
        signatureValid: validSignature(body, req.headers['x-motcua-signature']),
        at: Date.now(),
      };
      received.push(entry);
      const answer =
        entry.path === '/portal' && !entry.signatureValid
          ? { status: 401, body: { error: 'bad signature' } }
          : behaviour(entry, received.filter((r) => r.path === entry.path).length);
      if (answer === 'hang') return;
      setTimeout(() => {
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body ?? {}));
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    on(path: string) {
      return received.filter((r) => r.path === path);
    },
    behave(b: Behaviour) {
      behaviour = b;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type HttpReceiver = Awaited<ReturnType<typeof startHttpReceiver>>;

/** A real SMTP server in the test process; every accepted e-mail is parsed. */
export async function startSmtpServer(options: { rejectRecipients?: RegExp } = {}) {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.rejectRecipients?.test(address.address)) {
        const error = new Error('mailbox unavailable') as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          mails.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Settings that point every channel at the fakes. */
export function channelEnv(
  http: HttpReceiver | undefined,
  smtpPort?: number,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    PUBLIC_BASE_URL: 'https://dichvucong.hungyen.gov.vn',
    OUTBOX_BACKOFF_BASE_MS: '60000',
    OUTBOX_MAX_ATTEMPTS: '3',
    OUTBOX_SEND_TIMEOUT_MS: '2000',
    // Until intake takes `applicant.notify` (MERGE.md), consent comes from this setting.
    OUTBOX_DEFAULT_CONSENT: 'email,sms,zalo',
    ...(smtpPort
      ? {
          EMAIL_ENABLED: 'true',
          SMTP_HOST: '127.0.0.1',
          SMTP_PORT: String(smtpPort),
          SMTP_FROM: 'Trung tâm PVHCC <no-reply@hungyen.gov.vn>',
        }
      : {}),
    ...(http
      ? {
          SMS_ENABLED: 'true',
          SMS_GATEWAY_URL: `${http.url}/sms`,
          SMS_GATEWAY_TOKEN: 'sms-token',
          SMS_SENDER_NAME: 'HUNGYEN',
          ZALO_ENABLED: 'true',
          ZALO_API_URL: `${http.url}/zalo`,
          ZALO_ACCESS_TOKEN: 'zalo-token',
          ZALO_TEMPLATE_INTAKE: 'tpl-intake',
          ZALO_TEMPLATE_SUPPLEMENT: 'tpl-supplement',
          ZALO_TEMPLATE_RESULT: 'tpl-result',
          PORTAL_SYNC_ENABLED: 'true',
          PORTAL_SYNC_URL: `${http.url}/portal`,
          PORTAL_SYNC_SECRET: PORTAL_SECRET,
          PORTAL_SOURCE_ID: 'motcua-hungyen',
        }
      : {}),
    ...extra,
  };
}

/** An applicant with a phone and an e-mail; consent comes from OUTBOX_DEFAULT_CONSENT (see channelEnv). */
export const CONSENTING_APPLICANT = {
  name: 'Nguyễn Thị Mai Anh',
  idNumber: '001190012345',
  phone: '0912 345 678',
  email: 'mai.anh@example.vn',
  address: 'Số 5 phố Hiến, Hưng Yên',
};
