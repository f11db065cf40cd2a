import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ROLES, type Role, type User } from '../../api/types';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Checkbox } from '../../ui/Checkbox';
import { Select } from '../../ui/Select';
import { TextField } from '../../ui/TextField';
import { errorMessage } from '../errors/errorMessage';
import { updateUser, type UserChanges } from './api';

export interface EditUserFormProps {
  user: User;
  onSaved: (user: User) => void;
  onCancel: () => void;
  /** Fetch the latest version after a 409 conflict. */
  onReload: () => void;
}

/** Edits role, name and active flag. Sends the version it was opened with: a stale one answers 409. */
export function EditUserForm({ user, onSaved, onCancel, onReload }: EditUserFormProps) {
  const { t } = useTranslation();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<Role>(user.role);
  const [active, setActive] = useState(user.active);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<{ conflict: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, [user.id]);

  // A newer version arrived (after "load the latest version"): start again from it.
  useEffect(() => {
    setDisplayName(user.displayName);
    setRole(user.role);
    setActive(user.active);
    setFailure(null);
    setErrors({});
  }, [user.id, user.version, user.displayName, user.role, user.active]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    if (!displayName.trim()) {
      setErrors({ displayName: t('users.errors.displayName') });
      return;
    }
    const changes: UserChanges = { version: user.version };
    if (displayName.trim() !== user.displayName) changes.displayName = displayName.trim();
    if (role !== user.role) changes.role = role;
    if (active !== user.active) changes.active = active;
    if (Object.keys(changes).length === 1) {
      onCancel();
      return;
    }
    setBusy(true);
    try {
      const saved = await updateUser(user.id, changes);
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors());
      const conflict = err instanceof ApiError && err.status === 409;
      setFailure({ conflict, message: errorMessage(err, t) });
    } finally {
      setBusy(false);
    }
  }

  const headingId = `edit-user-${user.id}`;
  return (
    <section aria-labelledby={headingId} className="section card card--highlight">
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('users.editHeading', { name: user.displayName })}
      </h2>
      <p className="muted">
        <bdi>{user.email}</bdi> · {user.organisation.name}
      </p>
      {failure && (
        <Alert tone="error" title={failure.conflict ? t('users.conflictTitle') : t('users.saveFailed')}>
          <p>{failure.message}</p>
          {failure.conflict && (
            <>
              <p>{t('users.conflictBody')}</p>
              <Button variant="secondary" onClick={onReload}>
                {t('users.loadLatest')}
              </Button>
            </>
          )}
        </Alert>
      )}
      <form onSubmit={onSubmit} noValidate className="form form--grid">
        <TextField
          label={t('users.displayName')}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          error={errors.displayName}
          required
        />
        <Select
          label={t('users.role')}
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          error={errors.role}
        />
        <Checkbox label={t('users.activeLabel')} checked={active} onChange={(e) => setActive(e.target.checked)} />
        <div className="form__actions">
          <Button type="submit" busy={busy}>
            {t('common.save')}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </section>
  );
}
