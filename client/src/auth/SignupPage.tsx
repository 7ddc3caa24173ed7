import { useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api } from '../api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { AuthLayout } from './AuthLayout.tsx';
import { useAuth } from './AuthProvider.tsx';
import { authErrorMessage } from './authErrors.ts';
import { DepartmentSelect } from './DepartmentSelect.tsx';
import { nextPath } from './nextPath.ts';

const MIN_PASSWORD = 10;

/** Account creation: name, department, email and a password of at least 10 characters. */
export function SignupPage() {
  const { t } = useI18n();
  const { setUser } = useAuth();
  const search = useSearch();
  const [, navigate] = useLocation();
  const [form, setForm] = useState({ name: '', department: '', email: '', password: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (form.password.length < MIN_PASSWORD) {
      setError(t('auth.error.password_short'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setUser(await api.signUp(form));
      navigate(nextPath(search), { replace: true });
    } catch (cause) {
      setError(authErrorMessage(cause, t));
      setBusy(false);
    }
  };

  return (
    <AuthLayout title={t('auth.signup.title')}>
      <form className="form" onSubmit={submit} aria-busy={busy}>
        <label className="field">
          <span>{t('auth.name')}</span>
          <input
            autoComplete="name"
            required
            maxLength={100}
            value={form.name}
            onChange={(e) => set({ name: e.target.value })}
          />
        </label>
        <DepartmentSelect value={form.department} onChange={(department) => set({ department })} />
        <label className="field">
          <span>{t('auth.email')}</span>
          <input
            type="email"
            autoComplete="email"
            required
            value={form.email}
            onChange={(e) => set({ email: e.target.value })}
          />
        </label>
        <div className="field-with-hint">
          <label className="field">
            <span>{t('auth.password')}</span>
            <input
              type="password"
              autoComplete="new-password"
              required
              aria-describedby="password-hint"
              value={form.password}
              onChange={(e) => set({ password: e.target.value })}
            />
          </label>
          <small id="password-hint" className="field__hint">
            {t('auth.passwordHint')}
          </small>
        </div>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('auth.signup.submit')}
        </button>
      </form>
      <p className="auth__switch">
        {t('auth.signup.hasAccount')}{' '}
        <Link href={search ? `/login?${search}` : '/login'}>{t('auth.signup.toLogin')}</Link>
      </p>
    </AuthLayout>
  );
}
