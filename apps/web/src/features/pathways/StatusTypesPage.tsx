import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/useApi';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { TextField } from '../../ui/TextField';
import { ErrorState } from '../errors/ErrorState';
import { errorMessage } from '../errors/errorMessage';
import { listStatusTypes, updateStatusType, type StatusType } from './api';
import './pathways.css';

/** The administrator keeps the end dates of status types (e.g. temporary protection) as data. */
export function StatusTypesPage() {
  const { t } = useTranslation();
  const { data, error, reload } = useApi('status-types', (signal) => listStatusTypes(signal));
  return (
    <>
      <PageTitle documentTitle={t('pathways.statusAdmin.title')}>{t('pathways.statusAdmin.title')}</PageTitle>
      <p className="muted">{t('pathways.statusAdmin.intro')}</p>
      {error ? <ErrorState error={error} onRetry={reload} /> : !data ? <Loading /> : data.items.map((s) => <StatusTypeForm key={s.code} s={s} onSaved={reload} />)}
    </>
  );
}

function StatusTypeForm({ s, onSaved }: { s: StatusType; onSaved: () => void }) {
  const { t } = useTranslation();
  const [endsOn, setEndsOn] = useState(s.endsOn ?? '');
  const [msg, setMsg] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const name = t(`pathways.statusTypes.${s.code}`);
  return (
    <section className="section card" aria-labelledby={`st-${s.code}`}>
      <h2 id={`st-${s.code}`}>{name}</h2>
      {s.legalBasis && <p className="muted">{s.legalBasis}</p>}
      <form className="form form--inline" onSubmit={async (e) => {
        e.preventDefault(); setBusy(true); setMsg(null);
        try { await updateStatusType(s.code, { version: s.version, endsOn: endsOn || null }); setMsg({ tone: 'success', text: t('pathways.statusAdmin.saved', { name }) }); onSaved(); } catch (err) { setMsg({ tone: 'error', text: errorMessage(err, t) }); } finally { setBusy(false); }
      }}>
        <TextField name={`endsOn-${s.code}`} label={t('pathways.statusAdmin.endsOn')} hint={t('pathways.statusAdmin.endsOnHint')} type="date" value={endsOn} onChange={(e) => setEndsOn(e.target.value)} />
        <Button type="submit" busy={busy}>{t('common.save')}<span className="visually-hidden"> — {name}</span></Button>
      </form>
      {msg && <Alert tone={msg.tone}><p>{msg.text}</p></Alert>}
    </section>
  );
}
