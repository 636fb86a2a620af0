import nodemailer from 'nodemailer';
import type { EmailPayload } from '../outbox.types.js';
import { scrubError, type ChannelAdapter } from './channel.js';

export interface EmailSettings {
  host: string;
  port: number;
  secure: boolean;
  requireTls: boolean;
  rejectUnauthorized: boolean;
  user?: string | undefined;
  password?: string | undefined;
  from: string;
}

/**
 * E-mail through SMTP (nodemailer, pooled connections). The Message-ID is made from the idempotency
 * key, so a resent message carries the same id and mail systems that deduplicate on it show one.
 */
export function emailChannel(settings: EmailSettings, timeoutMs: number): ChannelAdapter {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: settings.requireTls,
    tls: { rejectUnauthorized: settings.rejectUnauthorized },
    ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}),
    pool: true,
    maxConnections: 4,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  return {
    channel: 'email',
    async send(message) {
      const payload = message.payload as EmailPayload;
      try {
        await transport.sendMail({
          from: settings.from,
          to: message.recipient,
          subject: payload.subject,
          text: payload.text,
          html: payload.html,
          messageId: `<${message.idempotencyKey.replace(/[^\w.-]/g, '.')}@motcua>`,
          headers: { 'X-Motcua-Idempotency-Key': message.idempotencyKey },
        });
        return { ok: true };
      } catch (error) {
        const code = (error as { responseCode?: unknown }).responseCode;
        const statusCode = typeof code === 'number' ? code : undefined;
        // SMTP 5xx is a permanent refusal (unknown mailbox); 4xx and connection failures are retried.
        const permanent = statusCode !== undefined && statusCode >= 500;
        return {
          ok: false,
          permanent,
          ...(statusCode ? { statusCode } : {}),
          error: scrubError(error instanceof Error ? error.message : String(error)),
        };
      }
    },
    async close() {
      transport.close();
    },
  };
}
