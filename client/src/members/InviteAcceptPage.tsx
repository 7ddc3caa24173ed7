import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { api, type InvitePreview } from '../api.ts';
import { AuthLayout } from '../auth/AuthLayout.tsx';
import { useAuth } from '../auth/AuthProvider.tsx';
import { loginUrl } from '../auth/nextPath.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { memberErrorMessage } from './memberErrors.ts';

/** /invite/:token — shows what the link offers and joins the map (customers need no account). */
export function InviteAcceptPage({ token }: { token: string }) {
  const { t } = useI18n();
  const { user, setUser } = useAuth();
  const [, navigate] = useLocation();
  const [preview, setPreview] = useState<InvitePreview | null | 'invalid'>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.previewInvite(token).then(setPreview, () => setPreview('invalid'));
  }, [token]);

  const accept = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const result = await api.acceptInvite(token, user ? undefined : name);
      if (result.guest) setUser(await api.me());
      navigate(`/maps/${result.mapId}`);
    } catch (cause) {
      setError(memberErrorMessage(cause, t));
    }
  };

  if (preview === 'invalid') {
    return (
      <AuthLayout title={t('invite.title')}>
        <p role="alert" className="error">
          {t('invite.invalid')}
        </p>
      </AuthLayout>
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
