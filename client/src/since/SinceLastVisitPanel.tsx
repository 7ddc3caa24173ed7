import { useState } from 'react';
import { Link } from 'wouter';
import { departmentLabel, type Locale } from '../../../shared/index.ts';
import type {
  SinceItemJson,
  SinceLastVisitJson,
  SinceThreadEventJson,
} from '../../../shared/since-last-visit.ts';
import type { Department } from '../api.ts';
import { fill } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { timeAgo } from '../i18n/format.ts';
import { SidePanel } from '../ui/SidePanel.tsx';

interface SinceLastVisitPanelProps {
  mapId: string;
  data: SinceLastVisitJson | null;
  /** When data arrived: relative times are counted from it. */
  now: number;
  count: number;
  departments: readonly Department[];
  onDismiss: () => Promise<void>;
  onClose: () => void;
}

/** Name of a department id: the workspace's list first, then the built-in names, then the id. */
function departmentName(id: string, departments: readonly Department[], locale: Locale): string {
  return departments.find((d) => d.id === id)?.label[locale] ?? departmentLabel(id, locale);
}

/**
 * "Desde tu última visita": what other people created, changed or deleted on the map (cards,
 * stages, lanes) and the comment activity since my previous visit, each with who, from which
 * department and when, and a jump to it. A side panel beside the board, not a dialog: the board
 * stays usable while reading it. "Marcar como visto" starts the list again from now.
 */
export function SinceLastVisitPanel({
  mapId,
  data,
  now,
  count,
  departments,
  onDismiss,
  onClose,
}: SinceLastVisitPanelProps) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const who = (name: string, department: string | undefined, at: string) =>
    `${department ? `${name} (${departmentName(department, departments, locale)})` : name} · ${timeAgo(at, now, locale)}`;

  const itemRow = (item: SinceItemJson) => {
    const label = item.label.trim() || t('since.untitled');
    const jump = item.kind === 'card' && item.change !== 'deleted';
    return (
      <li
        key={`${item.kind}:${item.id}`}
        className={`since-item since-item--${item.change}`}
        data-testid="since-item"
        data-kind={item.kind}
        data-change={item.change}
        data-id={item.id}
      >
        <span className={`since-item__what since-item__what--${item.change}`}>
          {t(`since.${item.kind}.${item.change}` as MessageKey)}
        </span>
        <span className="since-item__label">«{label}»</span>
        <span className="since-item__who">{who(item.byName, item.byDepartment, item.at)}</span>
        {jump && (
          <Link
            href={`/maps/${mapId}?card=${encodeURIComponent(item.id)}`}
            className="since-item__jump"
            aria-label={fill(t('since.jumpToCard'), { label })}
          >
            {t('since.jump')}
          </Link>
        )}
      </li>
    );
  };

  const threadRow = (event: SinceThreadEventJson, kind: 'created' | 'reply' | 'resolved') => (
    <li
      key={`${kind}:${event.threadId}:${event.at}`}
      className="since-item"
      data-testid="since-thread"
      data-thread-kind={kind}
    >
      <span className="since-item__what">
        {fill(t(`since.thread.${kind}`), { name: event.byName })}
      </span>
      <span className="since-item__label">{t(`since.anchor.${event.anchor.kind}`)}</span>
      <span className="since-item__who">{timeAgo(event.at, now, locale)}</span>
      <Link
        href={`/maps/${mapId}?thread=${encodeURIComponent(event.threadId)}`}
        className="since-item__jump"
      >
        {t('since.openThread')}
      </Link>
    </li>
  );

  const threads = data?.threads;
  const threadCount = threads
    ? threads.created.length + threads.replies.length + threads.resolved.length
    : 0;

  return (
    <SidePanel
      name="since"
      title={t('since.title')}
      closeLabel={t('since.close')}
      onClose={onClose}
    >
      {data === null ? (
        <p className="side-panel__empty">{t('since.loading')}</p>
      ) : data.since === null ? (
        <p className="side-panel__empty">{t('since.firstVisit')}</p>
      ) : (
        <>
          <p className="since-panel__from">
            {fill(t('since.from'), { when: timeAgo(data.since, now, locale) })}
          </p>
          {count === 0 && <p className="side-panel__empty">{t('since.nothing')}</p>}
          {data.items.length > 0 && (
            <section aria-labelledby="since-items-title">
              <h3 id="since-items-title" className="since-panel__section">
                {t('since.items')} ({data.items.length})
              </h3>
              <ul className="since-list">{data.items.map(itemRow)}</ul>
            </section>
          )}
          {threads && threadCount > 0 && (
            <section aria-labelledby="since-threads-title">
              <h3 id="since-threads-title" className="since-panel__section">
                {t('since.threads')} ({threadCount})
              </h3>
              <ul className="since-list">
                {threads.created.map((event) => threadRow(event, 'created'))}
                {threads.replies.map((event) => threadRow(event, 'reply'))}
                {threads.resolved.map((event) => threadRow(event, 'resolved'))}
              </ul>
            </section>
          )}
          {failed && <p role="alert">{t('since.dismissFailed')}</p>}
          {count > 0 && (
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => {
                setBusy(true);
                setFailed(false);
                onDismiss().then(
                  () => setBusy(false),
                  () => {
                    setBusy(false);
                    setFailed(true);
                  },
                );
              }}
            >
              {t('since.dismiss')}
            </button>
          )}
        </>
      )}
    </SidePanel>
  );
}
