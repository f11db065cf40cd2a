import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/useApi';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { ErrorState } from '../errors/ErrorState';
import { errorMessage } from '../errors/errorMessage';
import { incomingReferrals, updateReferral } from './api';
import { languageList } from '../../ui/names';
import './pathways.css';

/** A partner's incoming referrals: only the fields each referral shares. */
export function ReferralsPage() {
  const { t, i18n } = useTranslation();
  const { data, error, reload } = useApi('incoming', (signal) => incomingReferrals(signal));
  const [msg, setMsg] = useState<string | null>(null);
  return (
    <>
      <PageTitle documentTitle={t('pathways.incoming.title')}>{t('pathways.incoming.title')}</PageTitle>
      <p className="muted">{t('pathways.incoming.intro')}</p>
      {msg && <Alert tone="error"><p>{msg}</p></Alert>}
      {error ? <ErrorState error={error} onRetry={reload} /> : !data ? <Loading /> : data.items.length === 0 ? <p>{t('pathways.incoming.empty')}</p> : data.items.map((r) => (
        <section key={r.id} className="section card" aria-labelledby={`ref-${r.id}`}>
          <h2 id={`ref-${r.id}`}>{r.person.givenName ? <bdi>{r.person.givenName} {r.person.familyName}</bdi> : t('pathways.incoming.anonymous')}</h2>
          <dl className="facts">
            <dt>{t('pathways.incoming.from')}</dt><dd>{r.from.name}</dd>
            <dt>{t('pathways.referral.status')}</dt><dd>{t(`pathways.referralStatuses.${r.status}`)}</dd>
            {r.person.languages && <><dt>{t('pathways.person.languages')}</dt><dd>{languageList(r.person.languages, i18n.language, t('names.native'))}</dd></>}
            {r.person.birthYear && <><dt>{t('pathways.shares.birth_year')}</dt><dd><bdi>{r.person.birthYear}</bdi></dd></>}
            {r.person.phone !== undefined && <><dt>{t('pathways.person.phone')}</dt><dd><bdi>{r.person.phone ?? '—'}</bdi></dd></>}
            {r.step && <><dt>{t('pathways.referral.step')}</dt><dd>{t(`pathways.domains.${r.step.domain}`)}: {r.step.title}</dd></>}
          </dl>
          {r.status === 'sent' && <Button variant="secondary" onClick={async () => { try { await updateReferral(r.id, r.version, 'accepted'); reload(); } catch (e) { setMsg(errorMessage(e, t)); } }}>{t('pathways.incoming.accept')}</Button>}
        </section>
      ))}
    </>
  );
}
