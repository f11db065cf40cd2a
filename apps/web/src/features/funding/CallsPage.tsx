// Calls for proposals: by default the open calls the organisation may apply to, the work it
// already does first; every call with its fund, deadline, budget and who may apply.
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { Checkbox } from '../../ui/Checkbox';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { Table } from '../../ui/Table';
import { useAuth } from '../auth/AuthContext';
import { ErrorState } from '../errors/ErrorState';
import { calls, formatDay, formatEur, type FundingCall } from './api';
import './funding.css';

export function CallsPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const [search, setSearch] = useSearchParams();
  const all = search.get('all') === '1';
  const list = useApi(`calls|${all}`, (s) => calls(!all, s));
  const lang = i18n.language;
  return (
    <>
      <PageTitle documentTitle={t('funding.calls.title')}>{t('funding.calls.title')}</PageTitle>
      <p className="lead">{t('funding.calls.intro')}</p>
      <Checkbox label={t('funding.calls.showAll')} checked={all} onChange={(e) => { const p = new URLSearchParams(search); if (e.target.checked) p.set('all', '1'); else p.delete('all'); setSearch(p); }} />
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : !list.data ? <Loading /> : (
        <Table
          caption={all ? t('funding.calls.captionAll', { count: list.data.items.length }) : t('funding.calls.caption', { count: list.data.items.length })}
          columns={[
            { key: 'title', header: t('funding.calls.call'), rowHeader: true, cell: (c: FundingCall) => <><strong>{c.title}</strong><br /><span className="funding-muted">{c.reference} · {t(`funding.funds.${c.fund}`)} · {c.publisher.name}</span></> },
            { key: 'deadline', header: t('funding.calls.deadline'), cell: (c) => <>{formatDay(c.deadline, lang)}<br /><span className={c.open ? 'funding-open' : 'funding-muted'}>{c.open ? t('funding.calls.daysLeft', { count: c.daysLeft }) : t('funding.calls.closed')}</span></> },
            { key: 'budget', header: t('funding.calls.budget'), numeric: true, cell: (c) => <>{formatEur(c.budgetEur, lang)}{c.cofinancingPercent !== null && <><br /><span className="funding-muted">{t('funding.calls.upTo', { percent: c.cofinancingPercent })}</span></>}</> },
            { key: 'who', header: t('funding.calls.who'), cell: (c) => c.applicantRoutes.map((r) => t(`funding.routes.${r}`)).join(', ') },
            { key: 'fit', header: t('funding.calls.fit'), cell: (c) => <>{c.fit.mayApply ? t('funding.calls.mayApply') : t('funding.calls.mayNotApply')}{c.fit.activitiesAlreadyRun.length > 0 && <><br /><span className="funding-muted">{t('funding.calls.already', { list: c.fit.activitiesAlreadyRun.map((k) => t(`funding.activities.${k}`)).join(', ') })}</span></>}</> },
            { key: 'apply', header: t('funding.calls.action'), cell: (c) => (c.open && c.fit.mayApply && can('shared.write') ? <Link to={`/funding/projects?call=${c.id}`} aria-label={t('funding.calls.applyTo', { reference: c.reference })}>{t('funding.calls.apply')}</Link> : '—') },
          ]}
          rows={list.data.items}
          rowKey={(c) => c.id}
          empty={t('funding.calls.empty')}
        />
      )}
    </>
  );
}
