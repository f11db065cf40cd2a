import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { Pagination } from '../../ui/Pagination';
import { Select } from '../../ui/Select';
import { Table } from '../../ui/Table';
import { ErrorState } from '../errors/ErrorState';
import { WORKLIST_KINDS, worklist } from './api';
import { PersonName } from './labels';
import './pathways.css';

const PAGE = 50;

export function WorklistPage() {
  const { t } = useTranslation();
  // ?kind= opens the list filtered (the home page's figures link here).
  const [search] = useSearchParams();
  const [kind, setKind] = useState(() => ((WORKLIST_KINDS as readonly string[]).includes(search.get('kind') ?? '') ? search.get('kind')! : ''));
  const [offset, setOffset] = useState(0);
  const { data, error, reload } = useApi(`${kind}|${offset}`, (signal) => worklist({ kind: kind || undefined, limit: PAGE, offset }, signal));
  return (
    <>
      <PageTitle documentTitle={t('pathways.worklist.title')}>{t('pathways.worklist.title')}</PageTitle>
      <p className="muted">{t('pathways.worklist.intro')}</p>
      {error ? <ErrorState error={error} onRetry={reload} /> : !data ? <Loading /> : (
        <>
          <h2 className="visually-hidden">{t('pathways.worklist.counts')}</h2>
          <ul className="worklist-counts" aria-label={t('pathways.worklist.counts')}>
            {WORKLIST_KINDS.map((k) => <li key={k}>{t(`pathways.worklist.kinds.${k}`)}: <strong>{data.counts[k]}</strong></li>)}
          </ul>
          <form className="form form--filters" onSubmit={(e) => e.preventDefault()}>
            <Select label={t('pathways.worklist.filter')} value={kind} onChange={(e) => { setKind(e.target.value); setOffset(0); }} emptyOption={t('pathways.worklist.all')} options={WORKLIST_KINDS.map((k) => ({ value: k, label: t(`pathways.worklist.kinds.${k}`) }))} />
          </form>
          <Table caption={t('pathways.worklist.caption', { count: data.total })} rows={data.items} rowKey={(i) => `${i.kind}-${i.personId}-${i.stepId ?? ''}`} empty={t('pathways.worklist.empty')} columns={[
            { key: 'person', header: t('pathways.person.name'), rowHeader: true, cell: (i) => <Link to={`/people/${i.personId}`}><PersonName person={i} /></Link> },
            { key: 'kind', header: t('pathways.worklist.kind'), cell: (i) => t(`pathways.worklist.kinds.${i.kind}`) },
            { key: 'what', header: t('pathways.worklist.what'), cell: (i) => i.kind === 'status_ending' ? <>{t(`pathways.statusTypes.${i.statusType}`)} — {t('pathways.status.endsOn')} <bdi>{i.endsOn}</bdi></> : i.kind === 'school_place' ? t('pathways.worklist.age', { count: i.age ?? 0 }) : <>{i.title}{i.dueOn && <> — {t('pathways.steps.due')} <bdi>{i.dueOn}</bdi></>}</> },
          ]} />
          <Pagination total={data.total} limit={PAGE} offset={offset} onChange={setOffset} />
        </>
      )}
    </>
  );
}
