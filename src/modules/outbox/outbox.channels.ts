import type { OutboxConfig } from '../../config.js';
import type { ChannelAdapter } from './channels/channel.js';
import { emailChannel } from './channels/email.js';
import { portalChannel } from './channels/portal.js';
import { smsChannel } from './channels/sms.js';
import { zaloChannel } from './channels/zalo.js';
import type { OutboxChannel, PlanSettings } from './outbox.types.js';

/** The channels turned on by settings (config validation guarantees their required keys). */
export function enabledChannels(config: OutboxConfig): Set<OutboxChannel> {
  const on = new Set<OutboxChannel>();
  if (config.email.enabled) on.add('email');
  if (config.sms.enabled) on.add('sms');
  if (config.zalo.enabled) on.add('zalo');
  if (config.portal.enabled) on.add('portal');
  return on;
}

export function buildChannels(config: OutboxConfig): ChannelAdapter[] {
  const { email, sms, zalo, portal } = config;
  const channels: ChannelAdapter[] = [];
  if (email.enabled) channels.push(emailChannel({ ...email, host: email.host! }, config.sendTimeoutMs));
  if (sms.enabled) channels.push(smsChannel({ url: sms.url!, token: sms.token!, senderName: sms.senderName }));
  if (zalo.enabled) channels.push(zaloChannel({ url: zalo.url, accessToken: zalo.accessToken! }));
  if (portal.enabled)
    channels.push(portalChannel({ url: portal.url!, secret: portal.secret!, sourceId: portal.sourceId }));
  return channels;
}

export function planSettings(config: OutboxConfig, timeZone: string): PlanSettings {
  return {
    publicBaseUrl: config.publicBaseUrl,
    timeZone,
    enabled: enabledChannels(config),
    sms: { unicode: config.sms.unicode, maxLength: config.sms.maxLength },
    zaloTemplates: config.zalo.templates,
    portalSourceId: config.portal.sourceId,
    defaultConsent: config.defaultConsent,
  };
}
