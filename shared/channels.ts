import type { Locale, Localized } from './locale.ts';

/** The channel ids a card can carry (the contract's list). */
export const CHANNEL_IDS = [
  'web',
  'app',
  'phone',
  'email',
  'chat',
  'branch',
  'social',
  'mail',
  'store',
  'other',
] as const;

/** A channel through which the customer meets the organisation. */
export type Channel = (typeof CHANNEL_IDS)[number];

/** A channel with its icon and labels. */
export interface ChannelInfo {
  /** Stable id stored in documents. */
  readonly id: Channel;
  /** Icon name in the Lucide icon set (lucide.dev), e.g. `globe`. */
  readonly icon: string;
  /** Name shown in the UI. */
  readonly label: Localized;
}

/** Every known channel, in display order. */
export const CHANNELS: readonly ChannelInfo[] = [
  { id: 'web', icon: 'globe', label: { es: 'Web', en: 'Website' } },
  { id: 'app', icon: 'smartphone', label: { es: 'App móvil', en: 'Mobile app' } },
  { id: 'phone', icon: 'phone', label: { es: 'Teléfono', en: 'Phone' } },
  { id: 'email', icon: 'mail', label: { es: 'Correo electrónico', en: 'Email' } },
  { id: 'chat', icon: 'message-circle', label: { es: 'Chat', en: 'Chat' } },
  { id: 'branch', icon: 'landmark', label: { es: 'Sucursal', en: 'Branch' } },
  { id: 'social', icon: 'share-2', label: { es: 'Redes sociales', en: 'Social media' } },
  { id: 'mail', icon: 'mailbox', label: { es: 'Correo postal', en: 'Post' } },
  { id: 'store', icon: 'store', label: { es: 'Tienda', en: 'Store' } },
  { id: 'other', icon: 'circle-ellipsis', label: { es: 'Otro', en: 'Other' } },
];

/** True when `value` is a known channel id. */
export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNEL_IDS as readonly string[]).includes(value);
}

/** The icon and labels of a channel. */
export function channelInfo(channel: Channel): ChannelInfo {
  const info = CHANNELS.find((c) => c.id === channel);
  if (info === undefined) throw new Error(`Unknown channel ${channel}`);
  return info;
}

/** The channel's name in `locale`. */
export function channelLabel(channel: Channel, locale: Locale): string {
  return channelInfo(channel).label[locale];
}
