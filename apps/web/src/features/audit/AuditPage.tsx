import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api, queryString } from '../../api/client';
import { useApi } from '../../api/useApi';
import { AUDIT_ACTIONS, type AuditEntry, type Page } from '../../api/types';
import { useFormat } from '../../i18n';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { Pagination, useOffsetParam } from '../../ui/Pagination';
import { Select } from '../../ui/Select';
import { Table, type Column } from '../../ui/Table';
import { TextField } from '../../ui/TextField';
import { useAuth } from '../auth/AuthContext';
import { ErrorState } from '../errors/ErrorState';

const PAGE_SIZE = 50;
const FILTERS = ['actor', 'action', 'from', 'to', 'q'] as const;
type Filter = (typeof FILTERS)[number];
type Filters = Record<Filter, string>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The API takes calendar dates (UTC days, "to" inclusive), the same for the table and the CSV. */
function toApiQuery(filters: Filters): Record<string, string> {
  const query: Record<string, string> = {};
  if (filters.actor) query.actor = filters.actor;
  if (filters.action) query.action = filters.action;
  if (filters.q) query.q = filters.q;
  if (DATE.test(filters.from)) query.from = filters.from;
  if (DATE.test(filters.to)) query.to = filters.to;
  return query;
}

export function AuditPage() {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const applied = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Filters;
  const [offset, setOffset] = useOffsetParam();
  const [draft, setDraft] = useState<Filters>(applied);
  const [rangeError, setRangeError] = useState<string | undefined>();
  const appliedKey = FILTERS.map((f) => applied[f]).join('|');

  useEffect(() => {
    setDraft(Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Filters);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [appliedKey]);

  const apiQuery = toApiQuery(applied);
  const { data, error, loading, reload } = useApi(`${appliedKey}|${offset}`, (signal) =>
    api<Page<AuditEntry>>('/audit', { query: { ...apiQuery, limit: PAGE_SIZE, offset }, signal }),
  );

  function set(field: Filter, value: string) {
    setDraft((d) => ({ ...d, [field]: value }));
  }

  function apply(event: FormEvent) {
    event.preventDefault();
    if (draft.from && draft.to && draft.from > draft.to) {
      setRangeError(t('audit.rangeError'));
      return;
    }
    setRangeError(undefined);
    const next = new URLSearchParams();
    for (const f of FILTERS) if (draft[f].trim()) next.set(f, draft[f].trim());
    setParams(next);
  }

  function clear() {
    setRangeError(undefined);
    setParams(new URLSearchParams());
  }

  const actionLabel = (action: string) => t(`audit.actions.${action}`, { defaultValue: action });

  const columns: Column<AuditEntry>[] = [
    { key: 'at', header: t('audit.at'), rowHeader: true, cell: (e) => <time dateTime={e.at}>{dateTime(e.at)}</time> },
    {
      key: 'actor',
      header: t('audit.who'),
      // Who by name and for which organisation; the email (what the filter matches) below.
      cell: (e) => (e.actor?.email || e.actorName ? (
        <>
          <bdi>{e.actorName ?? e.actor?.email}</bdi>
          {e.organisationName && <><br /><span className="muted">{t('audit.forOrganisation', { organisation: e.organisationName })}</span></>}
          {e.actorName && e.actor?.email && <><br /><bdi className="muted">{e.actor.email}</bdi></>}
        </>
      ) : <span className="muted">{t('audit.thePlatform')}</span>),
    },
    { key: 'action', header: t('audit.action'), cell: (e) => actionLabel(e.action) },
    {
      key: 'record',
      header: t('audit.record'),
      cell: (e) =>
        e.recordType ? (
          <>
            {t(`audit.recordTypes.${e.recordType}`, { defaultValue: e.recordType })}
            {e.recordId ? <> <bdi className="muted">{e.recordId}</bdi></> : null}
          </>
        ) : (
          <span className="muted">{t('common.none')}</span>
        ),
    },
    { key: 'purpose', header: t('audit.purpose'), cell: (e) => e.purpose ?? <span className="muted">{t('common.none')}</span> },
    {
      key: 'outcome',
      header: t('audit.outcome'),
      cell: (e) => <span className={`badge badge--${e.outcome}`}>{t(`audit.outcomes.${e.outcome}`, { defaultValue: e.outcome })}</span>,
    },
    { key: 'ip', header: t('audit.ip'), cell: (e) => (e.ip ? <bdi>{e.ip}</bdi> : <span className="muted">{t('common.none')}</span>) },
  ];

  return (
    <>
      <PageTitle documentTitle={t('audit.title')}>{t('audit.title')}</PageTitle>
      <p className="lead">{t('audit.intro')}</p>
      <form role="search" aria-label={t('audit.filters')} onSubmit={apply} className="form form--filters">
        <TextField label={t('audit.actor')} hint={t('audit.actorHint')} value={draft.actor} onChange={(e) => set('actor', e.target.value)} spellCheck={false} />
        <Select
          label={t('audit.action')}
          value={draft.action}
          onChange={(e) => set('action', e.target.value)}
          emptyOption={t('audit.anyAction')}
          options={AUDIT_ACTIONS.map((a) => ({ value: a, label: actionLabel(a) }))}
        />
        <TextField label={t('audit.from')} type="date" value={draft.from} onChange={(e) => set('from', e.target.value)} />
        <TextField label={t('audit.to')} type="date" value={draft.to} onChange={(e) => set('to', e.target.value)} error={rangeError} />
        <TextField label={t('audit.text')} type="search" value={draft.q} onChange={(e) => set('q', e.target.value)} />
        <div className="form__actions">
          <Button type="submit">{t('common.apply')}</Button>
          <Button variant="secondary" onClick={clear}>
            {t('common.clear')}
          </Button>
        </div>
      </form>
      {can('audit.export') && (
        <p>
          <a className="button button--secondary" href={`/api/audit.csv${queryString(apiQuery)}`} download>
            {t('audit.exportCsv')}
          </a>
        </p>
      )}
      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : !data ? (
        <Loading />
      ) : (
        <>
          <Table caption={t('audit.caption', { count: data.total })} columns={columns} rows={data.items} rowKey={(e) => e.id} empty={t('audit.empty')} />
          {loading && <Loading />}
          <Pagination
            total={data.total}
            limit={PAGE_SIZE}
            offset={offset}
            onChange={setOffset}
          />
        </>
      )}
    </>
  );
}
