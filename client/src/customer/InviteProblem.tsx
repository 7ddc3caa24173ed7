import { ApiRequestError } from '../api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { useDocumentTitle } from '../ui/useDocumentTitle.ts';
import { CustomerLayout } from './CustomerLayout.tsx';

/** Why an invite link cannot be used. */
export type InviteProblemKind = 'expired' | 'revoked' | 'used' | 'not-found' | 'failed';

/** The problem behind an error of `GET|POST /api/invites/:token`. */
export function inviteProblemOf(error: unknown): InviteProblemKind {
  if (!(error instanceof ApiRequestError)) return 'failed';
  switch (error.code) {
    case 'invite_expired':
      return 'expired';
    case 'invite_revoked':
      return 'revoked';
    case 'invite_used_up':
      return 'used';
    case 'invite_not_found':
      return 'not-found';
    default:
      return 'failed';
  }
}

const TEXT: Readonly<Record<InviteProblemKind, { title: MessageKey; body: MessageKey }>> = {
  expired: { title: 'customer.link.expired.title', body: 'customer.link.expired.body' },
  revoked: { title: 'customer.link.revoked.title', body: 'customer.link.revoked.body' },
  used: { title: 'customer.link.used.title', body: 'customer.link.used.body' },
  'not-found': { title: 'customer.link.notFound.title', body: 'customer.link.notFound.body' },
  failed: { title: 'customer.link.failed.title', body: 'customer.link.failed.body' },
};

/** A clear, friendly page for a link that cannot be used, saying what to do next. */
export function InviteProblem({
  kind,
  onRetry,
}: {
  kind: InviteProblemKind;
  onRetry?: () => void;
}) {
  const { t } = useI18n();
  const text = TEXT[kind];
  useDocumentTitle(t(text.title));
  return (
    <CustomerLayout>
      <section className="stage-card link-problem" data-testid="invite-problem" data-kind={kind}>
        <svg
          className="link-problem__mark"
          viewBox="0 0 24 24"
          width="48"
          height="48"
          aria-hidden="true"
          focusable="false"
        >
          {/* A clock: the link's time is over (or, for a failure, not come yet). */}
          <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="1.8" />
          <path
            d="M12 7v5l3 2"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.8"
            strokeLinecap="round"
          />
        </svg>
        <h1 className="stage-card__name">{t(text.title)}</h1>
        <p>{t(text.body)}</p>
        {kind === 'failed' && onRetry && (
          <button type="button" className="primary customer-big" onClick={onRetry}>
            {t('customer.tryAgain')}
          </button>
        )}
      </section>
    </CustomerLayout>
  );
}
