import { useState, type FormEvent } from 'react';
import type { MapRole } from '../../../shared/policy.ts';
import type { CreatedInvite, Invite } from '../api.ts';
import { fill } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { RoleSelect } from './RoleSelect.tsx';

/** Longest label of a link (the server's limit). */
const LABEL_MAX = 80;

interface InviteLinksProps {
  invites: Invite[];
  /** The roles my links may grant (owners: every role but owner; editors: customer). */
  roles: readonly MapRole[];
  onCreate: (role: MapRole, expiresInDays: number, label: string) => Promise<CreatedInvite | null>;
  onRevoke: (invite: Invite) => void;
}

/**
 * Invite links: create one with a role, a label saying who it is for and an expiry (member links
 * admit one person, customer links many), copy it once, see the uses left and, for customer
 * links, how many customers answered through it; revoke active ones. Past links stay listed
 * (folded) with their answers.
 */
export function InviteLinks({ invites, roles, onCreate, onRevoke }: InviteLinksProps) {
  const { t } = useI18n();
  const [role, setRole] = useState<MapRole>(roles.includes('viewer') ? 'viewer' : 'customer');
  const [days, setDays] = useState(7);
  const [label, setLabel] = useState('');
  const [created, setCreated] = useState<CreatedInvite | null>(null);
  const [copied, setCopied] = useState(false);
  const active = invites.filter((invite) => invite.status === 'active');
  const past = invites.filter((invite) => invite.status !== 'active');
  const customersOnly = roles.length === 1 && roles[0] === 'customer';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setCopied(false);
    const made = await onCreate(role, days, label.trim());
    setCreated(made);
    if (made) setLabel('');
  };

  const copy = async () => {
    if (!created) return;
    await navigator.clipboard?.writeText(created.url).catch(() => undefined);
    setCopied(true);
  };

  return (
    <section className="invites" aria-labelledby="invites-title">
      <h3 id="invites-title">
        {customersOnly ? t('invites.customerTitle') : t('members.invites.title')}
      </h3>
      <p className="muted">
        {customersOnly ? t('invites.customerHelp') : t('members.invites.help')}
      </p>
      <form className="inline-form invites__form" onSubmit={submit}>
        {!customersOnly && (
          <label className="field">
            <span>{t('members.add.role')}</span>
            <RoleSelect
              label={t('members.add.role')}
              value={role}
              roles={roles}
              onChange={setRole}
            />
          </label>
        )}
        <label className="field field--grow">
          <span>{t('invites.label')}</span>
          <input
            value={label}
            maxLength={LABEL_MAX}
            placeholder={t('invites.labelExample')}
            onChange={(e) => setLabel(e.target.value)}
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
          <span>
            {created.label
              ? fill(t('invites.newLinkFor'), { label: created.label })
              : t('members.invites.newLink')}
          </span>
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
            <InviteRow key={invite.id} invite={invite} onRevoke={onRevoke} />
          ))}
        </ul>
      )}
      {past.length > 0 && (
        <details className="invites__past">
          <summary>{fill(t('invites.past'), { count: past.length })}</summary>
          <ul className="invites__list" data-testid="past-invite-list">
            {past.map((invite) => (
              <InviteRow key={invite.id} invite={invite} onRevoke={null} />
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** One link: who it is for, its role, until when, uses left, answers, and revoke. */
function InviteRow({
  invite,
  onRevoke,
}: {
  invite: Invite;
  /** null for a link that no longer works. */
  onRevoke: ((invite: Invite) => void) | null;
}) {
  const { t, locale } = useI18n();
  const name = invite.label || t(`role.${invite.role}`);
  return (
    <li data-testid={onRevoke ? 'invite' : 'past-invite'} data-status={invite.status}>
      {invite.label && (
        <span className="invites__label" data-testid="invite-label">
          {invite.label}
        </span>
      )}
      <span className="tag">{t(`role.${invite.role}`)}</span>
      {invite.status === 'active' ? (
        <span className="muted">
          {t('members.invites.until')} {new Date(invite.expiresAt).toLocaleDateString(locale)}
        </span>
      ) : (
        <span className="muted">{t(`invites.status.${invite.status}`)}</span>
      )}
      {invite.status === 'active' && invite.maxUses !== null && (
        <span className="muted" data-testid="invite-uses-left">
          {t('members.invites.usesLeft')} {invite.maxUses - invite.uses}
        </span>
      )}
      {invite.role === 'customer' && (
        <span className="tag tag--responses" data-testid="invite-responses">
          {fill(t(invite.responses === 1 ? 'invites.responsesOne' : 'invites.responses'), {
            count: invite.responses ?? 0,
          })}
        </span>
      )}
      {onRevoke && (
        <button
          type="button"
          className="link-button link-button--danger"
          aria-label={fill(t('invites.revokeLabel'), { name })}
          onClick={() => onRevoke(invite)}
        >
          {t('members.invites.revoke')}
        </button>
      )}
    </li>
  );
}
