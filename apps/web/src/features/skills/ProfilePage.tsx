// A person's skills profile, built with the person beside the case worker: work experience as
// ESCO occupations (choosing one proposes its essential skills to confirm), skills with how they
// were shown, education (ISCED), languages (CEFR) and driving licences. Saved as a whole, with the
// version read (a stale save is refused and says so).
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { PageTitle } from '../../ui/PageTitle';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Checkbox } from '../../ui/Checkbox';
import { Select } from '../../ui/Select';
import { TextField } from '../../ui/TextField';
import { errorMessage } from '../errors/errorMessage';
import { EscoPicker } from './EscoPicker';
import { MatchesSection, RecognitionSection } from './WorkSections';
import {
  CEFR, DOCUMENTS, EVIDENCE, ISCED_FIELDS, ISCED_LEVELS, LICENCES, escoLang, getOccupation, getProfile, saveProfile,
  type EscoOccupation, type SkillProfile, type UpdateSkillProfile,
} from './api';
import './skills.css';

type Education = UpdateSkillProfile['education'][number];
type Experience = SkillProfile['experience'][number];
type Skill = SkillProfile['skills'][number];
type Language = SkillProfile['languages'][number];

export function ProfilePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = escoLang(i18n.language);
  const [profile, setProfile] = useState<SkillProfile | null>(null);
  const [experience, setExperience] = useState<Experience[]>([]);
  const [skills, setSkills] = useState<Skill[]>([]);
  const [education, setEducation] = useState<Education[]>([]);
  const [languages, setLanguages] = useState<Language[]>([]);
  const [licences, setLicences] = useState<string[]>([]);
  const [proposal, setProposal] = useState<{ occupation: EscoOccupation; chosen: Set<string> } | null>(null);
  const [msg, setMsg] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const show = useCallback((p: SkillProfile) => {
    setProfile(p); setExperience(p.experience); setSkills(p.skills); setEducation(p.education); setLanguages(p.languages); setLicences(p.drivingLicences);
  }, []);
  useEffect(() => {
    const ctl = new AbortController();
    getProfile(id, lang, ctl.signal).then(show).catch((err) => { if (!ctl.signal.aborted) setMsg({ tone: 'error', text: errorMessage(err, t) }); });
    return () => ctl.abort();
  }, [id, lang, show, t]);

  const addSkill = (s: Skill) => setSkills((xs) => (xs.some((x) => x.skillId === s.skillId) ? xs : [...xs, s]));
  const save = async () => {
    if (!profile) return;
    setBusy(true); setMsg(null);
    try {
      const saved = await saveProfile(id, {
        version: profile.version,
        education,
        experience: experience.map((e) => ({ occupationId: e.occupationId, years: e.years, country: e.country })),
        skills: skills.map((s) => ({ skillId: s.skillId, shown: s.shown })),
        languages,
        drivingLicences: licences as UpdateSkillProfile['drivingLicences'],
      }, lang);
      show(saved);
      setMsg({ tone: 'success', text: t('skills.profile.saved') });
    } catch (err) { setMsg({ tone: 'error', text: errorMessage(err, t) }); } finally { setBusy(false); }
  };

  if (!profile) return (<><PageTitle documentTitle={t('skills.profile.title')}>{t('skills.profile.title')}</PageTitle>{msg && <Alert tone={msg.tone}>{msg.text}</Alert>}</>);
  return (
    <>
      <PageTitle documentTitle={t('skills.profile.title')}>{t('skills.profile.title')}</PageTitle>
      <p><Link to={`/people/${id}`}>{t('skills.profile.backToPerson')}</Link></p>
      <p>{profile.matchingConsent ? t('skills.profile.consentGiven') : t('skills.profile.consentMissing')}</p>

      <section aria-labelledby="exp-h" className="section card">
        <h2 id="exp-h">{t('skills.experience.title')}</h2>
        <EscoPicker kind="occupation" label={t('skills.experience.find')} onChoose={async (h) => {
          setExperience((xs) => (xs.some((x) => x.occupationId === h.id) ? xs : [...xs, { occupationId: h.id, label: h.label, isco: h.isco ?? '', years: 1, country: null }]));
          try {
            const o = await getOccupation(h.id, lang);
            setProposal({ occupation: o, chosen: new Set() });
          } catch (err) { setMsg({ tone: 'error', text: errorMessage(err, t) }); }
        }} />
        {experience.length > 0 && (
          <ul className="plain-list skills-rows">
            {experience.map((e, i) => (
              <li key={e.occupationId} className="skills-row">
                <span className="skills-row__label">{e.label} <span className="skills-meta">({t('skills.isco', { code: e.isco })})</span></span>
                <TextField label={t('skills.experience.years', { occupation: e.label })} type="number" min={0} max={60} step={0.5} inputMode="decimal" className="skills-row__small"
                  value={String(e.years)} onChange={(ev) => setExperience((xs) => xs.map((x, j) => (j === i ? { ...x, years: Math.max(0, Math.min(60, Number(ev.target.value) || 0)) } : x)))} />
                <Button variant="quiet" onClick={() => setExperience((xs) => xs.filter((_, j) => j !== i))}>{t('skills.remove', { label: e.label })}</Button>
              </li>
            ))}
          </ul>
        )}
        {proposal && (
          <fieldset className="skills-proposal">
            <legend>{t('skills.proposal.title', { occupation: proposal.occupation.label, n: proposal.occupation.essentialSkills.length })}</legend>
            <p className="field__hint">{t('skills.proposal.hint')}</p>
            <div className="skills-proposal__list">
              {proposal.occupation.essentialSkills.map((s) => (
                <Checkbox key={s.id} label={s.label} checked={proposal.chosen.has(s.id)}
                  onChange={(ev) => setProposal((p) => { if (!p) return p; const c = new Set(p.chosen); if (ev.target.checked) c.add(s.id); else c.delete(s.id); return { ...p, chosen: c }; })} />
              ))}
            </div>
            <Button onClick={() => {
              for (const s of proposal.occupation.essentialSkills) if (proposal.chosen.has(s.id)) addSkill({ skillId: s.id, label: s.label, skillType: s.skillType, shown: 'declared' });
              setProposal(null);
            }}>{t('skills.proposal.add', { n: proposal.chosen.size })}</Button>{' '}
            <Button variant="secondary" onClick={() => setProposal(null)}>{t('skills.proposal.skip')}</Button>
          </fieldset>
        )}
      </section>

      <section aria-labelledby="skills-h" className="section card">
        <h2 id="skills-h">{t('skills.skills.title', { n: skills.length })}</h2>
        <EscoPicker kind="skill" label={t('skills.skills.find')} onChoose={(h) => addSkill({ skillId: h.id, label: h.label, skillType: h.skillType ?? 'skill', shown: 'declared' })} />
        {skills.length > 0 && (
          <ul className="plain-list skills-rows">
            {skills.map((s, i) => (
              <li key={s.skillId} className="skills-row">
                <span className="skills-row__label">{s.label}</span>
                <Select label={t('skills.skills.shown', { skill: s.label })} className="skills-row__small" value={s.shown}
                  options={EVIDENCE.map((v) => ({ value: v, label: t(`skills.evidence.${v}`) }))}
                  onChange={(ev) => setSkills((xs) => xs.map((x, j) => (j === i ? { ...x, shown: ev.target.value as Skill['shown'] } : x)))} />
                <Button variant="quiet" onClick={() => setSkills((xs) => xs.filter((_, j) => j !== i))}>{t('skills.remove', { label: s.label })}</Button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <EducationSection education={education} onChange={setEducation} />
      <LanguagesSection languages={languages} onChange={setLanguages} />

      <section aria-labelledby="lic-h" className="section card">
        <h2 id="lic-h">{t('skills.licences.title')}</h2>
        <div className="skills-licences">
          {LICENCES.map((l) => <Checkbox key={l} label={t('skills.licences.category', { code: l })} checked={licences.includes(l)} onChange={(ev) => setLicences((xs) => (ev.target.checked ? [...xs, l] : xs.filter((x) => x !== l)))} />)}
        </div>
      </section>

      {msg && <Alert tone={msg.tone}>{msg.text}</Alert>}
      <p><Button onClick={save} busy={busy}>{t('skills.profile.save')}</Button></p>

      <MatchesSection personId={id} consent={profile.matchingConsent} />
      <RecognitionSection personId={id} />
    </>
  );
}

function EducationSection({ education, onChange }: { education: Education[]; onChange: (e: Education[]) => void }) {
  const { t } = useTranslation();
  const blank: Education = { iscedLevel: 3, iscedField: null, country: null, title: null, completedYear: null, documents: 'held' };
  const [draft, setDraft] = useState<Education>(blank);
  const [country, setCountry] = useState('');
  return (
    <section aria-labelledby="edu-h" className="section card">
      <h2 id="edu-h">{t('skills.education.title')}</h2>
      {education.length > 0 && (
        <ul className="plain-list">
          {education.map((e, i) => (
            <li key={i}>
              {t(`skills.isced.${e.iscedLevel}`)}{e.iscedField ? ` — ${t(`skills.fields.f${e.iscedField}`)}` : ''}{e.title ? ` — ${e.title}` : ''}{e.country ? ` (${e.country})` : ''}{e.completedYear ? `, ${e.completedYear}` : ''} — {t(`skills.documents.${e.documents}`)}{' '}
              <Button variant="quiet" onClick={() => onChange(education.filter((_, j) => j !== i))}>{t('skills.remove', { label: e.title ?? t(`skills.isced.${e.iscedLevel}`) })}</Button>
            </li>
          ))}
        </ul>
      )}
      <div className="form skills-grid">
        <Select label={t('skills.education.level')} value={String(draft.iscedLevel)} options={ISCED_LEVELS.map((l) => ({ value: String(l), label: t(`skills.isced.${l}`) }))} onChange={(e) => setDraft({ ...draft, iscedLevel: Number(e.target.value) })} />
        <Select label={t('skills.education.field')} value={draft.iscedField ?? ''} emptyOption={t('skills.education.noField')} options={ISCED_FIELDS.map((f) => ({ value: f, label: t(`skills.fields.f${f}`) }))} onChange={(e) => setDraft({ ...draft, iscedField: (e.target.value || null) as Education['iscedField'] })} />
        <TextField label={t('skills.education.diploma')} value={draft.title ?? ''} maxLength={200} onChange={(e) => setDraft({ ...draft, title: e.target.value || null })} />
        <TextField label={t('skills.education.country')} hint={t('skills.education.countryHint')} value={country} maxLength={2} onChange={(e) => setCountry(e.target.value.toUpperCase())} />
        <TextField label={t('skills.education.year')} type="number" min={1930} max={2100} value={draft.completedYear ? String(draft.completedYear) : ''} onChange={(e) => setDraft({ ...draft, completedYear: e.target.value ? Number(e.target.value) : null })} />
        <Select label={t('skills.education.documents')} value={draft.documents} options={DOCUMENTS.map((d) => ({ value: d, label: t(`skills.documents.${d}`) }))} onChange={(e) => setDraft({ ...draft, documents: e.target.value as Education['documents'] })} />
      </div>
      <Button variant="secondary" onClick={() => { onChange([...education, { ...draft, country: /^[A-Z]{2}$/.test(country) ? country : null }]); setDraft(blank); setCountry(''); }}>{t('skills.education.add')}</Button>
    </section>
  );
}

function LanguagesSection({ languages, onChange }: { languages: Language[]; onChange: (l: Language[]) => void }) {
  const { t, i18n } = useTranslation();
  const [code, setCode] = useState('');
  const [level, setLevel] = useState<Language['level']>('A1');
  const names = new Intl.DisplayNames([i18n.language], { type: 'language' });
  const nameOf = (c: string) => { try { return names.of(c) ?? c; } catch { return c; } };
  const valid = /^[a-z]{2,3}$/.test(code) && !languages.some((l) => l.code === code);
  return (
    <section aria-labelledby="lang-h" className="section card">
      <h2 id="lang-h">{t('skills.languages.title')}</h2>
      {languages.length > 0 && (
        <ul className="plain-list">
          {languages.map((l) => <li key={l.code}>{nameOf(l.code)} — {t(`skills.cefr.${l.level}`)} <Button variant="quiet" onClick={() => onChange(languages.filter((x) => x.code !== l.code))}>{t('skills.remove', { label: nameOf(l.code) })}</Button></li>)}
        </ul>
      )}
      <div className="form skills-grid">
        <TextField label={t('skills.languages.code')} hint={t('skills.languages.codeHint')} value={code} maxLength={3} onChange={(e) => setCode(e.target.value.toLowerCase())} />
        <Select label={t('skills.languages.level')} value={level} options={CEFR.map((c) => ({ value: c, label: t(`skills.cefr.${c}`) }))} onChange={(e) => setLevel(e.target.value as Language['level'])} />
      </div>
      <Button variant="secondary" disabled={!valid} onClick={() => { onChange([...languages, { code, level }]); setCode(''); }}>{t('skills.languages.add')}</Button>
    </section>
  );
}
