// Consultations between levels: those the user's organisation opened, is invited to, and those
// published (on record), with the state of its own answer.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { Table } from '../../ui/Table';
import { useAuth } from '../auth/AuthContext';
import { ErrorState } from '../errors/ErrorState';
import { consultations, formatDay, type ConsultationSummary } from './api';
import './dialogue.css';

export function ConsultationsPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const list = useApi('consultations', (s) => consultations(s));
  const title = t('dialogue.consultations.title');
  return (
    <>
      <PageTitle documentTitle={title}>{title}</PageTitle>
      <p className="lead">{t('dialogue.consultations.intro')}</p>
      {can('consultations.open') && <p><Link className="button button--primary" to="/dialogue/consultations/new">{t('dialogue.consultations.new')}</Link></p>}
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : !list.data ? <Loading /> : (
        <Table
          caption={t('dialogue.consultations.caption')}
          columns={[
            { key: 'title', header: t('dialogue.consultations.name'), rowHeader: true, cell: (r: ConsultationSummary) => <Link to={`/dialogue/consultations/${r.id}`}>{r.title}</Link> },
            { key: 'body', header: t('dialogue.consultations.consultingBody'), cell: (r) => r.consultingBody.name },
            { key: 'deadline', header: t('dialogue.consultations.deadline'), cell: (r) => formatDay(r.deadline, i18n.language) },
            { key: 'status', header: t('dialogue.consultations.status'), cell: (r) => t(`dialogue.statuses.${r.status}`) },
            { key: 'answers', header: t('dialogue.consultations.answers'), numeric: true, cell: (r) => t('dialogue.consultations.answeredOf', { submitted: r.submitted, invited: r.invited }) },
            { key: 'mine', header: t('dialogue.consultations.yourAnswer'), cell: (r) => (r.mine ? t('dialogue.consultations.openedByYou') : r.myResponse ? t(`dialogue.responseStatuses.${r.myResponse}`) : '—') },
          ]}
          rows={list.data.items}
          rowKey={(r) => r.id}
          empty={t('dialogue.consultations.empty')}
        />
      )}
    </>
  );
}
