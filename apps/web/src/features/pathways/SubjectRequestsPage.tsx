import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Checkbox } from '../../ui/Checkbox';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { Table } from '../../ui/Table';
import { TextField } from '../../ui/TextField';
import { useAuth } from '../auth/AuthContext';
import { ErrorState } from '../errors/ErrorState';
import { errorMessage } from '../errors/errorMessage';
import { breakGlassEvents, eraseHousehold, findForSubjectRequest, type PersonSummary } from './api';
import { PersonName } from './labels';
import './pathways.css';

/** The DPO's desk: data-subject requests (find, export, erase) and every break of the glass. */
export function SubjectRequestsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [draft, setDraft] = useState({ q: '', ref: '' });
  const [query, setQuery] = useState<{ q: string; ref: string } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const found = useApi(query ? `${query.q}|${query.ref}` : null, (signal) => findForSubjectRequest(query!.q, query!.ref, signal));
  const [erase, setErase] = useState<{ household: string; reason: string; confirm: boolean }>({ household: '', reason: '', confirm: false });
  const [msg, setMsg] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const glass = useApi(can('audit.read') ? 'glass' : null, (signal) => breakGlassEvents(signal));
  const households = [...new Set((found.data?.items ?? []).map((p) => p.householdId).filter(Boolean))] as string[];

  return (
    <>
      <PageTitle documentTitle={t('pathways.dpo.title')}>{t('pathways.dpo.title')}</PageTitle>
      <p className="muted">{t('pathways.dpo.intro')}</p>
      <section className="section card" aria-labelledby="dpo-find">
        <h2 id="dpo-find">{t('pathways.dpo.find')}</h2>
        {formError && <Alert tone="error"><p>{formError}</p></Alert>}
        <form role="search" aria-labelledby="dpo-find" className="form form--grid" noValidate onSubmit={(e) => {
          e.preventDefault();
          if (draft.q.trim().length < 2 || draft.ref.trim().length < 3) { setFormError(t('pathways.dpo.needBoth')); return; }
          setFormError(null); setMsg(null); setQuery({ q: draft.q.trim(), ref: draft.ref.trim() });
        }}>
          <TextField name="dpoName" label={t('pathways.dpo.name')} value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
          <TextField name="dpoReference" label={t('pathways.dpo.reference')} hint={t('pathways.dpo.referenceHint')} value={draft.ref} onChange={(e) => setDraft({ ...draft, ref: e.target.value })} />
          <div className="form__actions"><Button type="submit">{t('common.search')}</Button></div>
        </form>
        {found.error ? <ErrorState error={found.error} /> : query && !found.data ? <Loading /> : found.data && (
          <Table<PersonSummary> caption={t('pathways.dpo.results', { count: found.data.total })} rows={found.data.items} rowKey={(p) => p.id} empty={t('pathways.people.empty')} columns={[
            { key: 'name', header: t('pathways.person.name'), rowHeader: true, cell: (p) => <PersonName person={p} /> },
            { key: 'birth', header: t('pathways.person.birthDate'), cell: (p) => <bdi>{p.birthDate}</bdi> },
            { key: 'export', header: t('common.actions'), cell: (p) => <Link to={`/people/${p.id}/export?ref=${encodeURIComponent(query!.ref)}`}>{t('pathways.dpo.export')}<span className="visually-hidden"> — {p.givenName} {p.familyName}</span></Link> },
            // The person's entries in the audit log (found by name here: this search is audited with its reference).
            ...(can('audit.read') ? [{ key: 'audit', header: t('audit.title'), cell: (p: PersonSummary) => <Link to={`/audit?q=${encodeURIComponent(p.id)}`}>{t('pathways.dpo.entriesAbout')}<span className="visually-hidden"> — {p.givenName} {p.familyName}</span></Link> }] : []),
          ]} />
        )}
      </section>
      {households.length > 0 && (
        <section className="section card" aria-labelledby="dpo-erase">
          <h2 id="dpo-erase">{t('pathways.dpo.eraseTitle')}</h2>
          <p>{t('pathways.dpo.eraseIntro')}</p>
          <form className="form" onSubmit={async (e) => {
            e.preventDefault();
            const household = erase.household || households[0];
            if (!erase.confirm || erase.reason.trim().length < 3) { setMsg({ tone: 'error', text: t('pathways.dpo.eraseNeeds') }); return; }
            try { const r = await eraseHousehold(household, erase.reason.trim()); setMsg({ tone: 'success', text: t('pathways.dpo.erased', { count: r.erased }) }); found.reload(); } catch (err) { setMsg({ tone: 'error', text: errorMessage(err, t) }); }
          }}>
            <fieldset className="checkbox-group">
              <legend>{t('pathways.dpo.household')}</legend>
              {households.map((h, i) => (
                <div key={h} className="checkbox">
                  <input type="radio" id={`hh-${h}`} name="household" className="checkbox__input" checked={(erase.household || households[0]) === h} onChange={() => setErase({ ...erase, household: h })} />
                  <label htmlFor={`hh-${h}`} className="checkbox__label">{t('pathways.dpo.householdOf', { index: i + 1, names: (found.data?.items ?? []).filter((p) => p.householdId === h).map((p) => `${p.givenName} ${p.familyName}`).join(', ') })}</label>
                </div>
              ))}
            </fieldset>
            <TextField name="eraseReason" label={t('pathways.rights.reason')} value={erase.reason} onChange={(e) => setErase({ ...erase, reason: e.target.value })} />
            <Checkbox name="eraseConfirm" label={t('pathways.rights.confirmErase')} checked={erase.confirm} onChange={(e) => setErase({ ...erase, confirm: e.target.checked })} />
            <Button type="submit">{t('pathways.dpo.eraseHousehold')}</Button>
          </form>
        </section>
      )}
      {msg && <Alert tone={msg.tone}><p>{msg.text}</p></Alert>}
      {can('audit.read') && (
        <section className="section" aria-labelledby="dpo-glass">
          <h2 id="dpo-glass">{t('pathways.dpo.glassTitle')}</h2>
          {glass.error ? <ErrorState error={glass.error} /> : !glass.data ? <Loading /> : (
            <Table caption={t('pathways.dpo.glassCaption', { count: glass.data.items.length })} hideCaption rows={glass.data.items} rowKey={(g) => `${g.at}-${g.personId}`} empty={t('pathways.dpo.glassEmpty')} columns={[
              { key: 'at', header: t('pathways.dpo.when'), rowHeader: true, cell: (g) => <bdi>{g.at.slice(0, 16).replace('T', ' ')}</bdi> },
              { key: 'who', header: t('pathways.dpo.who'), cell: (g) => <bdi>{g.actorEmail}</bdi> },
              { key: 'reason', header: t('pathways.glass.reason'), cell: (g) => g.reason },
              { key: 'outcome', header: t('pathways.dpo.outcome'), cell: (g) => t(`pathways.dpo.outcomes.${g.outcome}`, { defaultValue: g.outcome }) },
            ]} />
          )}
        </section>
      )}
    </>
  );
}
