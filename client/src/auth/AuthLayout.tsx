import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';

/** The frame of the login, sign-up and invite pages: brand, language, one centred card. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="auth">
      <header className="auth__header">
        <span className="brand">{t('app.name')}</span>
        <LanguageSwitch />
      </header>
      <main className="auth__card">
        <p className="auth__tagline">{t('app.tagline')}</p>
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}
