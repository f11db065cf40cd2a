// Home-page card for officers: the open calls that fit their organisation and the next deadline.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { calls, formatDay } from './api';

export function OpenCallsCard() {
  const { t, i18n } = useTranslation();
  const open = useApi('calls|fits', (s) => calls(true, s));
  const items = open.data?.items ?? [];
  const next = [...items].sort((a, b) => a.deadline.localeCompare(b.deadline))[0];
  return (
    <section className="card" aria-labelledby="funding-home">
      <h2 id="funding-home">{t('funding.home.title')}</h2>
      {open.data && <p>{t('funding.home.open', { count: items.length })}</p>}
      {next && <p>{t('funding.home.next', { reference: next.reference, date: formatDay(next.deadline, i18n.language), count: next.daysLeft })}</p>}
      <Link to="/funding/calls">{t('funding.home.link')}</Link>
    </section>
  );
}
