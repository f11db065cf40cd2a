// A project's indicators computed from the record at a reporting date (31 January, 31 July or
// today), with how each was computed, the breakdown by sex and age, and the CSV export.
import type { IndicatorValue } from '@localpact/contracts';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { Select } from '../../ui/Select';
import { Table } from '../../ui/Table';
import { ErrorState } from '../errors/ErrorState';
import { formatDay, indicators, project, reportCsvUrl, reportDates } from './api';
import './funding.css';

const CELLS = ['female', 'male', 'other', 'unknown', 'under_18', '18_60', 'over_60'] as const;

export function IndicatorsPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [search, setSearch] = useSearchParams();
  const today = new Date().toISOString().slice(0, 10);
  const asOf = search.get('asOf') ?? today;
  const p = useApi(`project|${id}`, (s) => project(id, s));
  const dates = useApi(`dates|${id}`, (s) => reportDates(id, s));
  const report = useApi(`indicators|${id}|${asOf}`, (s) => indicators(id, asOf, s));
  const how = (i: IndicatorValue) => {
    const kinds = i.how.kinds.map((k) => t(`funding.activities.${k}`)).join(', ');
    return t(`funding.rules.${i.how.rule}`, { kinds, bands: i.how.bands.map((b) => t(`funding.bands.${b}`)).join(', ') });
  };
  const options = [{ value: today, label: t('funding.report.today', { date: formatDay(today, lang) }) }, ...(dates.data?.items ?? []).map((d) => ({ value: d.date, label: formatDay(d.date, lang) }))];
  return (
    <>
      <PageTitle documentTitle={t('funding.report.title')}>{t('funding.report.title')}</PageTitle>
      {p.data && <p className="lead"><Link to={`/funding/projects/${id}`}>{p.data.acronym ? `${p.data.acronym} — ` : ''}{p.data.title}</Link> · {t(`funding.funds.${p.data.fund}`)}</p>}
      <p>{t('funding.report.intro')}</p>
      <div className="funding-toolbar">
        <Select label={t('funding.report.asOf')} name="asOf" value={asOf} onChange={(e) => { const q = new URLSearchParams(search); q.set('asOf', e.target.value); setSearch(q); }} options={options} />
        <a className="button button--secondary" href={reportCsvUrl(id, asOf)} download>{t('funding.report.csv', { date: formatDay(asOf, lang) })}</a>
      </div>
      {report.error ? <ErrorState error={report.error} onRetry={report.reload} /> : !report.data ? <Loading /> : (
        <>
          {report.data.suppressedBelow !== null && <Alert tone="info">{t('funding.report.suppressed', { count: report.data.suppressedBelow })}</Alert>}
          <p data-testid="participants">{t('funding.report.participants', { count: report.data.participants ?? 0, value: report.data.participants ?? t('funding.report.withheld') })}</p>
          <Table
            caption={t('funding.report.caption', { date: formatDay(report.data.asOf, lang) })}
            columns={[
              { key: 'id', header: t('funding.report.indicator'), rowHeader: true, cell: (i: IndicatorValue) => <><span className="funding-muted">{i.code ?? i.id}</span><br />{i.parent ? '— ' : ''}{i.text}</> },
              { key: 'value', header: t('funding.report.value'), numeric: true, cell: (i) => <span data-testid={`value-${i.id}`}>{i.value === null ? (i.how.rule === 'not_in_record' || i.how.rule === 'entered' ? t('funding.report.notEntered') : t('funding.report.withheld')) : i.value}</span> },
              { key: 'breakdown', header: t('funding.report.breakdown'), cell: (i) => (i.breakdown ? CELLS.filter((c) => c in i.breakdown!).map((c) => `${t(`funding.cells.${c}`)} ${i.breakdown![c] ?? t('funding.report.withheld')}`).join(' · ') : '—') },
              { key: 'how', header: t('funding.report.how'), cell: how },
            ]}
            rows={report.data.items}
            rowKey={(i) => i.id}
          />
        </>
      )}
    </>
  );
}
