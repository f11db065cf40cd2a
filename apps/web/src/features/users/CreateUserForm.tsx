import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ROLES, type Role, type User } from '../../api/types';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Select } from '../../ui/Select';
import { TextField } from '../../ui/TextField';
import { errorMessage } from '../errors/errorMessage';
import { createUser } from './api';
import { OrganisationPicker } from './OrganisationPicker';

/** The API's NewPassword rule (packages/contracts). */
const MIN_PASSWORD = 12;

type Field = 'email' | 'displayName' | 'role' | 'organisationId' | 'password';

export function CreateUserForm({ onCreated }: { onCreated: (user: User) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [organisationId, setOrganisationId] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function validate(): Partial<Record<Field, string>> {
    const e: Partial<Record<Field, string>> = {};
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email.trim())) e.email = t('users.errors.email');
    if (!displayName.trim()) e.displayName = t('users.errors.displayName');
    if (!role) e.role = t('users.errors.role');
    if (!organisationId) e.organisationId = t('users.errors.organisation');
    if (password.length < MIN_PASSWORD) e.password = t('users.errors.password', { count: MIN_PASSWORD });
    return e;
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const e = validate();
    setErrors(e);
    if (Object.keys(e).length > 0) {
      setFailure(t('users.errors.summary', { count: Object.keys(e).length }));
      return;
    }
    setBusy(true);
    try {
      const user = await createUser({
        email: email.trim(),
        displayName: displayName.trim(),
        role: role as Role,
        organisationId,
        password,
      });
      setEmail('');
      setDisplayName('');
      setRole('');
      setPassword('');
      onCreated(user);
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors() as Partial<Record<Field, string>>);
      setFailure(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="create-user-heading" className="section card">
      <h2 id="create-user-heading">{t('users.createHeading')}</h2>
      {failure && <Alert tone="error" title={t('users.createFailed')}>{<p>{failure}</p>}</Alert>}
      <form onSubmit={onSubmit} noValidate className="form form--grid">
        <TextField
          label={t('users.email')}
          type="email"
          autoComplete="off"
          spellCheck={false}
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={errors.email}
        />
        <TextField
          label={t('users.displayName')}
          autoComplete="off"
          required
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          error={errors.displayName}
        />
        <Select
          label={t('users.role')}
          value={role}
          required
          onChange={(e) => setRole(e.target.value as Role | '')}
          emptyOption={t('users.chooseRole')}
          options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          error={errors.role}
        />
        <OrganisationPicker value={organisationId} onChange={setOrganisationId} error={errors.organisationId} />
        <TextField
          label={t('users.password')}
          hint={`${t('users.passwordHint', { count: MIN_PASSWORD })} ${t('users.passwordRules')}`}
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.password}
        />
        <div className="form__actions">
          <Button type="submit" busy={busy}>
            {t('users.create')}
          </Button>
        </div>
      </form>
    </section>
  );
}
