// Resource types are data (issue 3): the list of types with code, unit, label in the UI language
// and sort order, and a form with which a platform administrator (organisations.manage, as the
// API requires) adds one. The server checks the code's pattern and uniqueness; its problem+json
// field errors are shown at their fields.
import { locales, type LocaleCode } from '@localpact/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/useApi';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { Select } from '../../ui/Select';
import { Table } from '../../ui/Table';
import { TextField } from '../../ui/TextField';
import { ErrorState } from '../errors/ErrorState';
import { errorMessage } from '../errors/errorMessage';
import { addResourceType, resourceLabel, resourceTypes, type ResourceType } from './api';
import './reception.css';

const UNITS: ResourceType['unit'][] = ['beds', 'places', 'seats', 'slots'];
const LANGUAGES = locales;
type Language = LocaleCode;
type Field = 'code' | 'unit' | 'sortOrder' | `labels.${Language}`;

/** Field errors of a problem+json answer, keyed "code", "unit", "sortOrder" or "labels.en" etc. */
function fieldErrorsOf(err: ApiError): Partial<Record<Field, string>> {
  const out: Partial<Record<string, string>> = {};
  for (const e of err.errors) {
    const parts = e.path.replace(/^[#/]*/, '').replace(/^(body)[./]/, '').split(/[./]/).filter(Boolean);
    const key = parts[0] === 'labels' && parts[1] ? `labels.${parts[1]}` : parts[0] === 'labels' ? 'labels.en' : parts[0];
    if (key && !(key in out)) out[key] = e.message;
  }
  return out as Partial<Record<Field, string>>;
}

export function ResourceTypesPage() {
  const { t, i18n } = useTranslation();
  const types = useApi('resource-types', (s) => resourceTypes(s));
  const [added, setAdded] = useState<string | null>(null);
  const title = t('reception.resourceTypes.title');
  return (
    <>
      <PageTitle documentTitle={title}>{title}</PageTitle>
      <p className="lead">{t('reception.resourceTypes.intro')}</p>
      {added && <Alert tone="success"><p>{added}</p></Alert>}
      {types.error ? <ErrorState error={types.error} onRetry={types.reload} /> : !types.data ? <Loading /> : (
        <Table
          caption={t('reception.resourceTypes.caption')}
          columns={[
            { key: 'label', header: t('reception.resourceTypes.label'), rowHeader: true, cell: (r: ResourceType) => resourceLabel(types.data?.items, r.code, i18n.language) },
            { key: 'code', header: t('reception.resourceTypes.code'), cell: (r) => <code dir="ltr">{r.code}</code> },
            { key: 'unit', header: t('reception.capacity.unit'), cell: (r) => t(`reception.units.${r.unit}`) },
            { key: 'sortOrder', header: t('reception.resourceTypes.sortOrder'), numeric: true, cell: (r) => r.sortOrder },
          ]}
          rows={types.data.items}
          rowKey={(r) => r.code}
        />
      )}
      <AddResourceTypeForm onAdded={(r) => { setAdded(t('reception.resourceTypes.added', { label: r.labels[i18n.language] ?? r.labels.en ?? r.code, code: r.code })); types.reload(); }} />
    </>
  );
}

function AddResourceTypeForm({ onAdded }: { onAdded: (r: ResourceType) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [unit, setUnit] = useState<ResourceType['unit'] | ''>('');
  const [labels, setLabels] = useState<Record<Language, string>>({ en: '', fr: '', de: '', uk: '', ar: '' });
  const [sortOrder, setSortOrder] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function validate(): Partial<Record<Field, string>> {
    // Only what the form can know without the server; the code's pattern and uniqueness are the server's.
    const e: Partial<Record<Field, string>> = {};
    if (!code.trim()) e.code = t('reception.resourceTypes.errors.code');
    if (!unit) e.unit = t('reception.resourceTypes.errors.unit');
    if (!labels.en.trim()) e['labels.en'] = t('reception.resourceTypes.errors.labelEn');
    if (sortOrder.trim() && !/^\d{1,5}$/.test(sortOrder.trim())) e.sortOrder = t('reception.resourceTypes.errors.sortOrder');
    return e;
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const e = validate();
    setErrors(e);
    if (Object.keys(e).length > 0) {
      setFailure(t('reception.resourceTypes.errors.summary', { count: Object.keys(e).length }));
      return;
    }
    setBusy(true);
    try {
      const body: Parameters<typeof addResourceType>[0] = {
        code: code.trim(),
        unit: unit as ResourceType['unit'],
        labels: Object.fromEntries(LANGUAGES.filter((l) => labels[l].trim()).map((l) => [l, labels[l].trim()])),
      };
      if (sortOrder.trim()) body.sortOrder = Number(sortOrder.trim());
      const created = await addResourceType(body);
      setCode(''); setUnit(''); setLabels({ en: '', fr: '', de: '', uk: '', ar: '' }); setSortOrder('');
      onAdded(created);
    } catch (err) {
      const fields = err instanceof ApiError ? fieldErrorsOf(err) : {};
      setErrors(fields);
      setFailure(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="add-resource-type-heading" className="section card">
      <h2 id="add-resource-type-heading">{t('reception.resourceTypes.addHeading')}</h2>
      {failure && <Alert tone="error" title={t('reception.resourceTypes.addFailed')}><p>{failure}</p></Alert>}
      <form onSubmit={onSubmit} noValidate className="form form--grid">
        <TextField
          name="code" label={t('reception.resourceTypes.code')} hint={t('reception.resourceTypes.codeHint')}
          required autoComplete="off" spellCheck={false} dir="ltr" maxLength={40}
          value={code} onChange={(e) => setCode(e.target.value)} error={errors.code}
        />
        <Select
          name="unit" label={t('reception.capacity.unit')} required value={unit}
          onChange={(e) => setUnit(e.target.value as ResourceType['unit'] | '')}
          emptyOption={t('reception.resourceTypes.chooseUnit')}
          options={UNITS.map((u) => ({ value: u, label: t(`reception.units.${u}`) }))}
          error={errors.unit}
        />
        <fieldset className="reception-types__labels">
          <legend>{t('reception.resourceTypes.labels')}</legend>
          {LANGUAGES.map((l) => (
            <TextField
              key={l} name={`label-${l}`} lang={l} dir={l === 'ar' ? 'rtl' : 'ltr'} maxLength={120}
              label={l === 'en' ? t('reception.resourceTypes.labelIn', { language: t(`reception.resourceTypes.languages.${l}`) }) : t('reception.resourceTypes.labelInOptional', { language: t(`reception.resourceTypes.languages.${l}`) })}
              required={l === 'en'} value={labels[l]} onChange={(e) => setLabels((prev) => ({ ...prev, [l]: e.target.value }))}
              error={errors[`labels.${l}`]}
            />
          ))}
        </fieldset>
        <TextField
          name="sortOrder" label={t('reception.resourceTypes.sortOrderOptional')} hint={t('reception.resourceTypes.sortOrderHint')}
          inputMode="numeric" value={sortOrder} onChange={(e) => setSortOrder(e.target.value)} error={errors.sortOrder}
        />
        <div className="form__actions">
          <Button type="submit" busy={busy}>{t('reception.resourceTypes.add')}</Button>
        </div>
      </form>
    </section>
  );
}
