// Open job, training and language offers published by employers, public employment services and
// partners; each closes by itself after its closing date.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../ui/PageTitle';
import { Alert } from '../../ui/Alert';
import { Table } from '../../ui/Table';
import { errorMessage } from '../errors/errorMessage';
import { escoLang, listOffers, type Offer } from './api';

export function OffersPage() {
  const { t, i18n } = useTranslation();
  const [offers, setOffers] = useState<Offer[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const ctl = new AbortController();
    listOffers({}, escoLang(i18n.language), ctl.signal).then((r) => setOffers(r.items)).catch((err) => { if (!ctl.signal.aborted) setError(errorMessage(err, t)); });
    return () => ctl.abort();
  }, [i18n.language, t]);
  return (
    <>
      <PageTitle documentTitle={t('skills.offers.title')}>{t('skills.offers.title')}</PageTitle>
      {error && <Alert tone="error">{error}</Alert>}
      {offers && (
        <Table<Offer>
          caption={t('skills.offers.caption')}
          rows={offers}
          rowKey={(o) => o.id}
          empty={t('skills.offers.none')}
          columns={[
            { key: 'title', header: t('skills.offers.offer'), rowHeader: true, cell: (o) => <>{o.title} <span className="skills-meta">({t(`skills.offers.kinds.${o.kind}`)}{o.occupation ? `, ${o.occupation.label}` : ''})</span></> },
            { key: 'publisher', header: t('skills.offers.publisher'), cell: (o) => o.publisher.name },
            { key: 'place', header: t('skills.offers.place'), cell: (o) => o.municipality.name },
            { key: 'skills', header: t('skills.offers.skills'), cell: (o) => o.essentialSkills.map((s) => s.label).join(', ') },
            { key: 'closes', header: t('skills.offers.closes'), cell: (o) => <bdi>{o.closesOn}</bdi> },
          ]}
        />
      )}
    </>
  );
}
