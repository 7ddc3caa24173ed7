import { useEffect, useRef, useState } from 'react';
import { can, type MapRole } from '../../../shared/policy.ts';
import { api, type Member } from '../api.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { AddMemberForm } from './AddMemberForm.tsx';
import { InviteLinks } from './InviteLinks.tsx';
import { inviteRolesFor } from './inviteRoles.ts';
import { MemberList } from './MemberList.tsx';
import { memberErrorMessage } from './memberErrors.ts';
import { useMembers } from './useMembers.ts';

interface MembersDialogProps {
  mapId: string;
  myRole: MapRole;
  onClose: () => void;
  /** Called after I left the map (or lost access by my own action). */
  onLeft: () => void;
}

/** A modal dialog with the map's members, adding by email, and invite links (owners; editors: customer links). */
export function MembersDialog({ mapId, myRole, onClose, onLeft }: MembersDialogProps) {
  const { t } = useI18n();
  const { user } = useAuth();
  const dialog = useRef<HTMLDialogElement>(null);
  const canManage = can(myRole, 'members.manage');
  // Owners manage every link; editors manage customer links (the server lists only those to them).
  const inviteRoles = inviteRolesFor(myRole);
  const canInvite = inviteRoles.length > 0;
  const { members, invites, failed, reload } = useMembers(mapId, canInvite);
  const [error, setError] = useState<string | null>(null);

  // Opening the members tells an owner about the role changes shown as new: they stop being new
  // (in the map list too) once seen. This list keeps showing them as new until it reloads.
  const hasUnseen = !!members?.some((member) => member.roleChange?.unseen);
  useEffect(() => {
    if (canManage && hasUnseen) void api.markRoleChangesSeen(mapId).catch(() => undefined);
  }, [canManage, hasUnseen, mapId]);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const run = async (action: () => Promise<unknown>): Promise<boolean> => {
    setError(null);
    try {
      await action();
      await reload();
      return true;
    } catch (cause) {
      setError(memberErrorMessage(cause, t));
      return false;
    }
  };

  const remove = (member: Member) => {
    const me = member.userId === user?.id;
    if (!me && !window.confirm(t('members.removeConfirm'))) return;
    void run(() => api.removeMember(mapId, member.userId)).then((ok) => ok && me && onLeft());
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="members-title" onClose={onClose}>
      <header className="dialog__header">
        <h2 id="members-title">{t('members.title')}</h2>
        <button
          type="button"
          className="dialog__close"
          aria-label={t('members.close')}
          onClick={onClose}
        >
          ×
        </button>
      </header>
      <div className="dialog__body">
        {failed && (
          <p role="alert" className="error">
            {t('members.loadError')}
          </p>
        )}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        {members && (
          <MemberList
            members={members}
            myId={user?.id ?? ''}
            canManage={canManage}
            onChangeRole={(member, role) =>
              void run(() => api.changeRole(mapId, member.userId, role))
            }
            onRemove={remove}
          />
        )}
        {canManage && (
          <section aria-labelledby="add-member-title">
            <h3 id="add-member-title">{t('members.add.title')}</h3>
            <AddMemberForm
              onAdd={(email, role) => run(() => api.addMember(mapId, { email, role }))}
            />
          </section>
        )}
        {canInvite && (
          <InviteLinks
            invites={invites.filter((invite) => inviteRoles.includes(invite.role))}
            roles={inviteRoles}
            onCreate={async (role, expiresInDays, label) => {
              let created = null;
              await run(async () => {
                created = await api.createInvite(mapId, {
                  role,
                  expiresInDays,
                  ...(label ? { label } : {}),
                });
              });
              return created;
            }}
            onRevoke={(invite) => void run(() => api.revokeInvite(mapId, invite.id))}
          />
        )}
      </div>
    </dialog>
  );
}
