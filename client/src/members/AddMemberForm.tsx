import { useState, type FormEvent } from 'react';
import { INTERNAL_ROLES, type MapRole } from '../../../shared/policy.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { RoleSelect } from './RoleSelect.tsx';

/** Adds someone who already has an account, by email, with a role. */
export function AddMemberForm({
  onAdd,
}: {
  onAdd: (email: string, role: MapRole) => Promise<boolean>;
}) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<MapRole>('editor');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await onAdd(email, role)) setEmail('');
  };

  return (
    <form className="inline-form" onSubmit={submit}>
      <label className="field field--grow">
        <span>{t('members.add.email')}</span>
        <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('members.add.role')}</span>
        <RoleSelect
          label={t('members.add.role')}
          value={role}
          roles={INTERNAL_ROLES}
          onChange={setRole}
        />
      </label>
      <button type="submit" className="primary">
        {t('members.add.submit')}
      </button>
    </form>
  );
}
