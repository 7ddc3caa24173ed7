import { Link } from 'wouter';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { timeAgo } from '../i18n/format.ts';
import { fill } from '../i18n/format.ts';
import type { InboxItem } from './inboxApi.ts';

interface InboxItemViewProps {
  item: InboxItem;
  /** The time the list was read, for "hace 5 minutos". */
  now: number;
  departmentName: (id: string) => string;
}

/** Where a thread is: "Tarjeta «Pago con tarjeta»", "Todo el mapa", or "Una tarjeta" unlabelled. */
function useAnchorText(item: InboxItem): string {
  const { t } = useI18n();
  const { kind } = item.anchor;
  if (kind === 'map') return t('inbox.anchor.map');
  return item.anchorLabel
    ? fill(t(`inbox.anchor.${kind}`), { label: item.anchorLabel })
    : t(`inbox.anchor.${kind}Unlabelled`);
}

/** One inbox entry: a link to its thread on the map, bold with a dot while unread. */
export function InboxItemView({ item, now, departmentName }: InboxItemViewProps) {
  const { t, locale } = useI18n();
  const anchor = useAnchorText(item);
  const when = new Date(item.createdAt);
  return (
    <li
      className={`inbox-item${item.read ? '' : ' inbox-item--unread'}`}
      data-testid="inbox-item"
      data-thread-id={item.threadId}
    >
      <Link
        href={`/maps/${encodeURIComponent(item.mapId)}?thread=${encodeURIComponent(item.threadId)}`}
        className="inbox-item__link"
      >
        <span className="inbox-item__head">
          {!item.read && (
            <>
              <span className="inbox-item__dot" aria-hidden="true" />
              <span className="visually-hidden">{t('inbox.unreadMark')}: </span>
            </>
          )}
          <span className="inbox-item__who" data-testid="inbox-item-who">
            {item.authorName}
            {item.authorDepartment && (
              <span className="inbox-item__department">
                {' '}
                ({departmentName(item.authorDepartment)})
              </span>
            )}
          </span>{' '}
          <span className="inbox-item__reason">{t(`inbox.reason.${item.reason}`)}</span>
          <span className="inbox-item__when">
            {' · '}
            <time dateTime={item.createdAt} title={when.toLocaleString(locale)}>
              {timeAgo(item.createdAt, now, locale)}
            </time>
          </span>
        </span>
        <span className="inbox-item__where" data-testid="inbox-item-where">
          <span className="inbox-item__map">{item.mapTitle}</span>
          {' · '}
          {anchor}
        </span>
        <span className="inbox-item__excerpt">{item.body}</span>
      </Link>
    </li>
  );
}
