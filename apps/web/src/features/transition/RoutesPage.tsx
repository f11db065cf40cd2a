import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/useApi';
import { useAuth } from '../auth/AuthContext';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { TextField } from '../../ui/TextField';
import { ErrorState } from '../errors/ErrorState';
import { errorMessage } from '../errors/errorMessage';
import { listRoutes, routeName, updateRoute, type TransitionRoute } from './api';
import './transition.css';

/** The routes out of temporary protection per country; an administrator keeps deadlines and order up to date. */
export function RoutesPage() {
  const { t } = useTranslation();
  const { data, error, reload } = useApi('transition-routes', (signal) => listRoutes(undefined, signal));
  return (
    <>
      <PageTitle documentTitle={t('transition.routes.title')}>{t('transition.routes.title')}</PageTitle>
      <p className="muted">{t('transition.routes.intro')}</p>
      {error ? <ErrorState error={error} onRetry={reload} /> : !data ? <Loading /> : data.items.map((r) => <RouteCard key={r.id} r={r} onSaved={reload} />)}
    </>
  );
}

function RouteCard({ r, onSaved }: { r: TransitionRoute; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const canEdit = can('transition_routes.manage');
  const [deadline, setDeadline] = useState(r.applicationDeadline ?? '');
  const [msg, setMsg] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const name = routeName(r.names, i18n.language);
  return (
    <section className="section card" aria-labelledby={`route-${r.id}`}>
      <h2 id={`route-${r.id}`}>{name} <span className="muted">({t(`transition.countries.${r.country}`, { defaultValue: r.country })})</span></h2>
      <dl className="transition-facts">
        <dt>{t('transition.routes.status')}</dt><dd>{t(`pathways.statusTypes.${r.targetStatus}`)}</dd>
        <dt>{t('transition.routes.conditions')}</dt><dd>{r.conditions.map((c) => `${t(`transition.conditions.${c.kind}`)}${c.min !== undefined ? ` (${c.min})` : ''}${c.note ? `: ${c.note}` : ''}`).join('; ') || '—'}</dd>
        <dt>{t('transition.routes.authority')}</dt><dd>{r.authority}</dd>
        <dt>{t('transition.routes.deadline')}</dt><dd>{r.applicationDeadline ?? t('transition.routes.beforeStatusEnds')}</dd>
        <dt>{t('transition.routes.legalBasis')}</dt><dd>{r.legalBasis}</dd>
        <dt>{t('transition.routes.source')}</dt><dd>{r.source.startsWith('https://') ? <a href={r.source}>{r.source}</a> : r.source}</dd>
      </dl>
      {canEdit && (
        <form className="form form--inline" onSubmit={async (e) => {
          e.preventDefault(); setMsg(null);
          try { await updateRoute(r.id, { version: r.version, applicationDeadline: deadline || null }); setMsg({ tone: 'success', text: t('transition.routes.saved') }); onSaved(); } catch (err) { setMsg({ tone: 'error', text: errorMessage(err, t) }); }
        }}>
          <TextField name={`deadline-${r.id}`} type="date" label={t('transition.routes.deadline')} hint={t('transition.routes.deadlineHint')} value={deadline} onChange={(e) => setDeadline(e.target.value)} />
          <Button type="submit">{t('common.save')}<span className="visually-hidden"> — {name}</span></Button>
        </form>
      )}
      {msg && <Alert tone={msg.tone}><p>{msg.text}</p></Alert>}
    </section>
  );
}
