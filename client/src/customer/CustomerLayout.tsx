import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import './customer.css';

/** The frame of every page a customer sees: a light header with the language switch, one column. */
export function CustomerLayout({
  title,
  status,
  children,
  footer,
}: {
  /** What the journey is about (the map's title), when known. */
  title?: string;
  /** The save status, shown in the header. */
  status?: ReactNode;
  children: ReactNode;
  /** Sticky navigation at the bottom (previous / next). */
  footer?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className="customer">
      <header className="customer__header">
        <span className="customer__brand">{title ?? t('app.name')}</span>
        {status}
        <LanguageSwitch />
      </header>
      <main className="customer__main">{children}</main>
      {footer && (
        <nav className="customer__footer" aria-label={t('customer.nav')}>
          {footer}
        </nav>
      )}
    </div>
  );
}
