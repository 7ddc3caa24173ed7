import type { ReactNode } from 'react';
import { Redirect, useLocation } from 'wouter';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useAuth } from './AuthProvider.tsx';
import { loginUrl } from './nextPath.ts';

/** Shows its children to a signed-in user; sends everyone else to the login page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const { t } = useI18n();
  const [location] = useLocation();
  if (user === undefined) {
    return (
      <main className="page page--center" aria-busy="true">
        {t('auth.loading')}
      </main>
    );
  }
  if (user === null) return <Redirect to={loginUrl(location + window.location.search)} replace />;
  return children;
}
