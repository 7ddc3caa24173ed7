import { useLocation } from 'wouter';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { InboxLink } from '../inbox/InboxLink.tsx';
import { useAuth } from './AuthProvider.tsx';

/** The signed-in user's inbox (not for guests: they have none), name and sign-out button, for the top bar. */
export function UserMenu() {
  const { t } = useI18n();
  const { user, logOut } = useAuth();
  const [, navigate] = useLocation();
  if (!user) return null;
  return (
    <div className="user-menu">
      {!user.guest && <InboxLink />}
      <span className="user-menu__name" data-testid="user-name">
        {user.name}
      </span>
      <button
        type="button"
        className="link-button"
        onClick={() => void logOut().then(() => navigate('/login'))}
      >
        {t('auth.logout')}
      </button>
    </div>
  );
}
