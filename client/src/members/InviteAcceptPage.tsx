import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { api, type InvitePreview } from '../api.ts';
import { AuthLayout } from '../auth/AuthLayout.tsx';
import { useAuth } from '../auth/AuthProvider.tsx';
import { loginUrl } from '../auth/nextPath.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { CustomerInvite } from '../customer/CustomerInvite.tsx';
import {
  InviteProblem,
  inviteProblemOf,
  type InviteProblemKind,
} from '../customer/InviteProblem.tsx';
import { memberErrorMessage } from './memberErrors.ts';

/** /invite/:token — shows what the link offers and joins the map (customers need no account). */
export function InviteAcceptPage({ token }: { token: string }) {
  const { t } = useI18n();
  const { user, setUser } = useAuth();
  const [, navigate] = useLocation();
  const [preview, setPreview] = useState<InvitePreview | null>(null);
  const [problem, setProblem] = useState<InviteProblemKind | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.previewInvite(token).then(
      (found) => {
        setPreview(found);
        setProblem(null);
      },
      (cause: unknown) => setProblem(inviteProblemOf(cause)),
    );
  }, [token, attempt]);

  const join = async (guestName: string | undefined) => {
    try {
      const result = await api.acceptInvite(token, guestName);
      if (result.guest) setUser(await api.me());
      navigate(`/maps/${result.mapId}`);
    } catch (cause) {
      // The link stopped working since it was opened (expired, revoked): say so clearly.
      const kind = inviteProblemOf(cause);
      if (kind !== 'failed') setProblem(kind);
      else setError(memberErrorMessage(cause, t));
    }
  };

  const accept = (event: FormEvent) => {
    event.preventDefault();
    void join(user ? undefined : name);
  };

  if (problem) {
    return <InviteProblem kind={problem} onRetry={() => setAttempt((n) => n + 1)} />;
  }

  // Customers need no account and no name: one button takes them to the journey. (Someone signed
  // in with an account joins as usual below; their role is never lowered.)
  if (preview?.role === 'customer' && user !== undefined && (!user || user.guest)) {
    return (
      <CustomerInvite mapTitle={preview.mapTitle} error={error} onStart={() => join(undefined)} />
    );
  }

  const here = `/invite/${token}`;
  const needsAccount = preview && !user && preview.role !== 'customer';
  return (
    <AuthLayout title={t('invite.title')}>
      {preview && (
        <p className="invite__offer">
          {t('invite.offer')} <strong>{preview.mapTitle}</strong> {t('invite.as')}{' '}
          <span className="tag">{t(`role.${preview.role}`)}</span>
        </p>
      )}
      {needsAccount ? (
        <p>
          {t('invite.signInFirst')} <Link href={loginUrl(here)}>{t('auth.login.title')}</Link> ·{' '}
          <Link href={`/signup?next=${encodeURIComponent(here)}`}>{t('auth.signup.title')}</Link>
        </p>
      ) : (
        preview &&
        user !== undefined && (
          <form className="form" onSubmit={accept}>
            {!user && (
              <label className="field">
                <span>{t('invite.guestName')}</span>
                <input
                  required
                  maxLength={100}
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                />
              </label>
            )}
            {error && (
              <p role="alert" className="error">
                {error}
              </p>
            )}
            <button type="submit" className="primary">
              {t('invite.accept')}
            </button>
          </form>
        )
      )}
    </AuthLayout>
  );
}
