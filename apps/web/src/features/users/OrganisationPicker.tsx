import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useApi } from '../../api/useApi';
import type { Organisation, Page } from '../../api/types';
import { Select } from '../../ui/Select';
import { TextField } from '../../ui/TextField';

/** Search field that narrows a select of organisations (the directory can be long). */
export function OrganisationPicker({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (id: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const { data } = useApi(`org-picker|${q}`, (signal) =>
    api<Page<Organisation>>('/organisations', { query: { q: q.trim(), limit: 50 }, signal }),
  );
  const options = (data?.items ?? []).map((o) => ({ value: o.id, label: `${o.name} — ${t(`kinds.${o.kind}`)}` }));
  return (
    <fieldset className="fieldset">
      <legend>{t('users.organisation')}</legend>
      <TextField
        label={t('users.organisationSearch')}
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        autoComplete="off"
      />
      <Select
        label={t('users.organisationChoice', { count: data?.total ?? 0 })}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        emptyOption={t('users.organisationNone')}
        options={options}
        error={error}
        required
      />
    </fieldset>
  );
}
