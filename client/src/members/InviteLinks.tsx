import { useState, type FormEvent } from 'react';
import { MAP_ROLES, type MapRole } from '../../../shared/policy.ts';
import type { CreatedInvite, Invite } from '../api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { RoleSelect } from './RoleSelect.tsx';

interface InviteLinksProps {
  invites: Invite[];
  onCreate: (role: MapRole, expiresInDays: number) => Promise<CreatedInvite | null>;
  onRevoke: (invite: Invite) => void;
}

/** Roles a link can grant: every role but owner (ownership is never granted by link). */
const INVITE_ROLES = MAP_ROLES.filter((r) => r !== 'owner');

/**
 * Invite links: create one with a role and an expiry (member links admit one person, customer
 * links many), copy it once, see the uses left, revoke active ones.
 */
export function InviteLinks({ invites, onCreate, onRevoke }: InviteLinksProps) {
  const { t, locale } = useI18n();
  const [role, setRole] = useState<MapRole>('viewer');
  const [days, setDays] = useState(7);
  const [created, setCreated] = useState<CreatedInvite | null>(null);
  const [copied, setCopied] = useState(false);
  const active = invites.filter((invite) => invite.status === 'active');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setCopied(false);
    setCreated(await onCreate(role, days));
  };

  const copy = async () => {
    if (!created) return;
    await navigator.clipboard?.writeText(created.url).catch(() => undefined);
    setCopied(true);
  };

  return (
    <section className="invites" aria-labelledby="invites-title">
      <h3 id="invites-title">{t('members.invites.title')}</h3>
      <p className="muted">{t('members.invites.help')}</p>
      <form className="inline-form" onSubmit={submit}>
        <label className="field">
          <span>{t('members.add.role')}</span>
          <RoleSelect
            label={t('members.add.role')}
            value={role}
            roles={INVITE_ROLES}
            onChange={setRole}
          />
        </label>
        <label className="field field--narrow">
          <span>
            {t('members.invites.expires')} ({t('members.invites.days')})
          </span>
          <input
            type="number"
            min={1}
            max={90}
            required
            value={days}
            onChange={(e) => setDays(Number(e.target.value))}
          />
        </label>
        <button type="submit" className="primary">
          {t('members.invites.create')}
        </button>
      </form>
      {created && (
        <div className="invites__new" data-testid="new-invite">
          <span>{t('members.invites.newLink')}</span>
          <div className="invites__url">
            <input
              readOnly
              value={created.url}
              aria-label={t('members.invites.newLink')}
              onFocus={(e) => e.target.select()}
            />
            <button type="button" onClick={() => void copy()}>
              {copied ? t('members.invites.copied') : t('members.invites.copy')}
            </button>
          </div>
        </div>
      )}
      {active.length === 0 ? (
        <p className="muted">{t('members.invites.none')}</p>
      ) : (
        <ul className="invites__list" data-testid="invite-list">
          {active.map((invite) => (
            <li key={invite.id} data-testid="invite">
              <span className="tag">{t(`role.${invite.role}`)}</span>
              <span className="muted">
                {t('members.invites.until')} {new Date(invite.expiresAt).toLocaleDateString(locale)}
              </span>
              {invite.maxUses !== null && (
                <span className="muted" data-testid="invite-uses-left">
                  {t('members.invites.usesLeft')} {invite.maxUses - invite.uses}
                </span>
              )}
              <button
                type="button"
                className="link-button link-button--danger"
                onClick={() => onRevoke(invite)}
              >
                {t('members.invites.revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
