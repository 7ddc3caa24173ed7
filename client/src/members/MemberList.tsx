import { INTERNAL_ROLES, MAP_ROLES, type MapRole } from '../../../shared/policy.ts';
import { departmentLabel } from '../../../shared/index.ts';
import type { Member } from '../api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { RoleSelect } from './RoleSelect.tsx';

interface MemberListProps {
  members: Member[];
  myId: string;
  canManage: boolean;
  onChangeRole: (member: Member, role: MapRole) => void;
  onRemove: (member: Member) => void;
}

/** The members of a map: who, from which department, with which role; owners can change it. */
export function MemberList({ members, myId, canManage, onChangeRole, onRemove }: MemberListProps) {
  const { t, locale } = useI18n();
  // The last owner can neither leave nor be removed (the server refuses it too).
  const owners = members.filter((m) => m.role === 'owner').length;
  return (
    <ul className="members" data-testid="member-list">
      {members.map((member) => {
        const me = member.userId === myId;
        return (
          <li
            key={member.userId}
            className="members__row"
            data-testid="member"
            data-user-id={member.userId}
          >
            <div className="members__who">
              <span className="members__name">
                {member.name} {me && <span className="members__you">{t('members.you')}</span>}
              </span>
              <span className="members__meta">
                {member.guest
                  ? t('members.guest')
                  : [member.email, member.department && departmentLabel(member.department, locale)]
                      .filter(Boolean)
                      .join(' · ')}
              </span>
              {member.roleChange && (
                <span className="members__meta" data-testid="role-change">
                  {member.roleChange.unseen && (
                    <span className="tag tag--notice">{t('members.roleChangeNew')}</span>
                  )}{' '}
                  {member.roleChange.changedBy
                    ? `${t('members.roleChangedBy')} ${member.roleChange.changedBy.name}`
                    : t('members.roleChangedByLink')}{' '}
                  ({t(`role.${member.roleChange.from}`)} → {t(`role.${member.roleChange.to}`)},{' '}
                  {new Date(member.roleChange.changedAt).toLocaleString(locale)})
                </span>
              )}
            </div>
            {canManage ? (
              <RoleSelect
                label={`${t('members.roleOf')} ${member.name}`}
                value={member.role}
                roles={member.role === 'customer' ? MAP_ROLES : INTERNAL_ROLES}
                onChange={(role) => onChangeRole(member, role)}
              />
            ) : (
              <span className="tag">{t(`role.${member.role}`)}</span>
            )}
            {(canManage || me) && !(member.role === 'owner' && owners === 1) && (
              <button
                type="button"
                className="link-button link-button--danger"
                onClick={() => onRemove(member)}
              >
                {me ? t('members.leave') : t('members.remove')}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
