import { useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api } from '../api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { AuthLayout } from './AuthLayout.tsx';
import { useAuth } from './AuthProvider.tsx';
import { authErrorMessage } from './authErrors.ts';
import { nextPath } from './nextPath.ts';

/** Email + password sign-in; returns to the page that asked for it. */
export function LoginPage() {
  const { t } = useI18n();
  const { setUser } = useAuth();
  const search = useSearch();
  const [, navigate] = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setUser(await api.logIn({ email, password }));
      navigate(nextPath(search), { replace: true });
    } catch (cause) {
      setError(authErrorMessage(cause, t));
      setBusy(false);
    }
  };

  return (
    <AuthLayout title={t('auth.login.title')}>
      <form className="form" onSubmit={submit} aria-busy={busy}>
        <label className="field">
          <span>{t('auth.email')}</span>
          <input
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('auth.password')}</span>
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('auth.login.submit')}
        </button>
      </form>
      <p className="auth__switch">
        {t('auth.login.noAccount')}{' '}
        <Link href={search ? `/signup?${search}` : '/signup'}>{t('auth.login.toSignup')}</Link>
      </p>
    </AuthLayout>
  );
}
