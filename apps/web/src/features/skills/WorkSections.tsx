// The parts of a person's skills file beyond the profile: matching job offers with their reasons
// (only with the person's consent), and the recognition of qualifications step by step.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Checkbox } from '../../ui/Checkbox';
import { Select } from '../../ui/Select';
import { TextField } from '../../ui/TextField';
import { errorMessage } from '../errors/errorMessage';
import {
  COMPENSATION, DECISIONS, RECOGNITION_DOCUMENTS, escoLang, getMatches, listBodies, listRecognitions, startRecognition, updateRecognition,
  type OfferMatch, type Recognition, type RecognitionBody,
} from './api';

export function MatchesSection({ personId, consent }: { personId: string; consent: boolean }) {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<OfferMatch[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const find = async () => {
    setBusy(true); setError(null);
    try { setItems((await getMatches(personId, escoLang(i18n.language))).items); } catch (err) { setError(errorMessage(err, t)); } finally { setBusy(false); }
  };
  return (
    <section aria-labelledby="match-h" className="section card">
      <h2 id="match-h">{t('skills.matches.title')}</h2>
      {!consent && <p>{t('skills.matches.noConsent')}</p>}
      <Button onClick={find} busy={busy} disabled={!consent}>{t('skills.matches.find')}</Button>
      {error && <Alert tone="error">{error}</Alert>}
      {items && items.length === 0 && <p role="status">{t('skills.matches.none')}</p>}
      {items && items.length > 0 && (
        <ol className="skills-matches">
          {items.map((m) => (
            <li key={m.offer.id} className="skills-match">
              <h3>{m.offer.title} — {m.offer.publisher.name}</h3>
              <p>{t('skills.matches.fit', { percent: Math.round(m.score * 100) })} · {m.offer.municipality.name}{m.reasons.distanceKm !== null ? ` · ${t('skills.matches.distance', { km: m.reasons.distanceKm })}` : ''} · {t('skills.matches.closes', { date: m.offer.closesOn })}</p>
              <ul>
                {m.reasons.occupation && <li>{m.reasons.occupation.sameGroup ? t('skills.matches.sameGroup', { occupation: m.reasons.occupation.label, years: m.reasons.occupation.years }) : t('skills.matches.experience', { occupation: m.reasons.occupation.label, years: m.reasons.occupation.years })}</li>}
                {m.reasons.skillsMatched.length > 0 && <li>{t('skills.matches.matched', { skills: m.reasons.skillsMatched.map((s) => s.label).join(', ') })}</li>}
                {m.reasons.skillsMissing.map((s) => (
                  <li key={s.id}>{t(s.essential ? 'skills.matches.missingEssential' : 'skills.matches.missingOptional', { skill: s.label })}
                    {s.closedBy.length > 0 && <> {t('skills.matches.closedBy', { courses: s.closedBy.map((c) => `${c.title} (${c.municipality})`).join('; ') })}</>}
                  </li>
                ))}
                {m.reasons.language && <li>{m.reasons.language.ok ? t('skills.matches.languageOk', { needed: m.reasons.language.needed, has: m.reasons.language.has ?? '—' }) : t('skills.matches.languageBelow', { needed: m.reasons.language.needed, has: m.reasons.language.has ?? '—' })}</li>}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function RecognitionSection({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation();
  const lang = escoLang(i18n.language);
  const [bodies, setBodies] = useState<RecognitionBody[]>([]);
  const [cases, setCases] = useState<Recognition[]>([]);
  const [msg, setMsg] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [draft, setDraft] = useState({ bodyId: '', qualification: '', startedOn: new Date().toISOString().slice(0, 10), documentsDueOn: '', documents: new Set<string>(['diploma']) });
  const reload = () => listRecognitions(personId, lang).then((r) => setCases(r.items)).catch((err) => setMsg({ tone: 'error', text: errorMessage(err, t) }));
  useEffect(() => { listBodies().then((r) => setBodies(r.items)).catch(() => {}); reload(); }, [personId, lang]); // eslint-disable-line react-hooks/exhaustive-deps
  const run = async (fn: () => Promise<unknown>, ok: string) => {
    setMsg(null);
    try { await fn(); setMsg({ tone: 'success', text: ok }); await reload(); } catch (err) { setMsg({ tone: 'error', text: errorMessage(err, t) }); }
  };
  return (
    <section aria-labelledby="rec-h" className="section card">
      <h2 id="rec-h">{t('skills.recognition.title')}</h2>
      {cases.map((c) => <RecognitionCase key={c.id} c={c} run={run} />)}
      <h3>{t('skills.recognition.start')}</h3>
      <div className="form skills-grid">
        <Select label={t('skills.recognition.body')} value={draft.bodyId} emptyOption={t('skills.recognition.chooseBody')}
          options={bodies.map((b) => ({ value: b.id, label: `${b.country} · ${t(`skills.recognition.kinds.${b.kind}`)} · ${b.name.length > 90 ? `${b.name.slice(0, 90)}…` : b.name}` }))}
          onChange={(e) => setDraft({ ...draft, bodyId: e.target.value })} />
        <TextField label={t('skills.recognition.qualification')} value={draft.qualification} maxLength={200} onChange={(e) => setDraft({ ...draft, qualification: e.target.value })} />
        <TextField label={t('skills.recognition.startedOn')} type="date" value={draft.startedOn} onChange={(e) => setDraft({ ...draft, startedOn: e.target.value })} />
        <TextField label={t('skills.recognition.documentsDueOn')} type="date" value={draft.documentsDueOn} onChange={(e) => setDraft({ ...draft, documentsDueOn: e.target.value })} />
      </div>
      <fieldset className="skills-licences"><legend>{t('skills.recognition.documentsNeeded')}</legend>
        {RECOGNITION_DOCUMENTS.map((d) => <Checkbox key={d} label={t(`skills.recognition.documents.${d}`)} checked={draft.documents.has(d)} onChange={(e) => { const s = new Set(draft.documents); if (e.target.checked) s.add(d); else s.delete(d); setDraft({ ...draft, documents: s }); }} />)}
      </fieldset>
      <Button variant="secondary" disabled={!draft.bodyId || !draft.qualification.trim()} onClick={() => run(() => startRecognition(personId, {
        bodyId: draft.bodyId, qualification: draft.qualification.trim(), originCountry: null, occupationId: null, startedOn: draft.startedOn,
        documentsDueOn: draft.documentsDueOn || null, documentsNeeded: [...draft.documents] as Recognition['documents'][number]['kind'][],
      }, lang), t('skills.recognition.started'))}>{t('skills.recognition.startButton')}</Button>
      {msg && <Alert tone={msg.tone}>{msg.text}</Alert>}
    </section>
  );
}

function RecognitionCase({ c, run }: { c: Recognition; run: (fn: () => Promise<unknown>, ok: string) => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const lang = escoLang(i18n.language);
  const today = new Date().toISOString().slice(0, 10);
  const [decision, setDecision] = useState<string>('full');
  const [measures, setMeasures] = useState<Set<string>>(new Set());
  const [on, setOn] = useState(today);
  const open = c.status === 'preparing' || c.status === 'submitted';
  return (
    <div className="skills-case">
      <h3>{c.qualification} — {t(`skills.recognition.statuses.${c.status}`)}{c.decision ? ` (${t(`skills.recognition.decisions.${c.decision}`)})` : ''}</h3>
      <p>{c.body.name.length > 120 ? `${c.body.name.slice(0, 120)}…` : c.body.name}</p>
      {c.overdue && <Alert tone="warning">{t(`skills.recognition.overdue.${c.overdue}`)}</Alert>}
      <ul>
        {c.documents.map((d) => <li key={d.kind}>{t(`skills.recognition.documents.${d.kind}`)}: {d.submittedOn ? t('skills.recognition.submittedOn', { date: d.submittedOn }) : t('skills.recognition.notSubmitted')}</li>)}
        {c.compensation.length > 0 && <li>{t('skills.recognition.compensation')}: {c.compensation.map((m) => t(`skills.recognition.measures.${m}`)).join(', ')}</li>}
      </ul>
      {open && (
        <div className="form skills-grid">
          <TextField label={t('skills.recognition.stepDate', { qualification: c.qualification })} type="date" value={on} onChange={(e) => setOn(e.target.value)} />
          {c.status === 'preparing' && <Button onClick={() => run(() => updateRecognition(c.id, { version: c.version, documents: c.documents.map((d) => ({ kind: d.kind, submittedOn: d.submittedOn ?? on })), submittedOn: on }, lang), t('skills.recognition.submitted'))}>{t('skills.recognition.submit')}</Button>}
          {c.status === 'submitted' && (
            <>
              <Select label={t('skills.recognition.decision')} value={decision} options={DECISIONS.map((d) => ({ value: d, label: t(`skills.recognition.decisions.${d}`) }))} onChange={(e) => setDecision(e.target.value)} />
              {decision === 'partial' && <fieldset><legend>{t('skills.recognition.compensation')}</legend>{COMPENSATION.map((m) => <Checkbox key={m} label={t(`skills.recognition.measures.${m}`)} checked={measures.has(m)} onChange={(e) => { const s = new Set(measures); if (e.target.checked) s.add(m); else s.delete(m); setMeasures(s); }} />)}</fieldset>}
              <Button onClick={() => run(() => updateRecognition(c.id, { version: c.version, decision: decision as 'full', decidedOn: on, compensation: decision === 'partial' ? [...measures] as Recognition['compensation'] : [] }, lang), t('skills.recognition.decided'))}>{t('skills.recognition.record')}</Button>
            </>
          )}
        </div>
      )}
    </div>
  );
}
