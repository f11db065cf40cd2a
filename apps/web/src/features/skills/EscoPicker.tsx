// Type-ahead for ESCO occupations or skills (WAI-ARIA combobox with a listbox popup): answers as
// you type from the second letter, in any vendored language; arrows move, Enter chooses, Escape closes.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchEsco, escoLang, type EscoHit } from './api';

export function EscoPicker({ kind, label, onChoose }: { kind: 'occupation' | 'skill'; label: string; onChoose: (hit: EscoHit) => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<EscoHit[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState('');
  const seq = useRef(0);

  useEffect(() => {
    if (q.trim().length < 2) { setHits([]); setOpen(false); setStatus(''); return; }
    const ctl = new AbortController();
    const n = ++seq.current;
    const timer = setTimeout(() => {
      searchEsco(q.trim(), kind, escoLang(i18n.language), ctl.signal).then((r) => {
        if (n !== seq.current) return;
        setHits(r.items); setOpen(true); setActive(r.items.length ? 0 : -1);
        setStatus(t('skills.picker.results', { n: r.items.length }));
      }).catch(() => {});
    }, 120);
    return () => { clearTimeout(timer); ctl.abort(); };
  }, [q, kind, i18n.language, t]);

  const choose = (h: EscoHit) => { onChoose(h); setQ(''); setHits([]); setOpen(false); setStatus(t('skills.picker.added', { label: h.label })); };
  const listId = `${id}-list`;
  return (
    <div className="field esco-picker">
      <label className="field__label" htmlFor={`${id}-input`}>{label}</label>
      <p className="field__hint" id={`${id}-hint`}>{t('skills.picker.hint')}</p>
      <input
        id={`${id}-input`} className="field__input" type="text" role="combobox" autoComplete="off"
        aria-autocomplete="list" aria-expanded={open && hits.length > 0} aria-controls={listId} aria-describedby={`${id}-hint`}
        aria-activedescendant={open && active >= 0 ? `${id}-opt-${active}` : undefined}
        value={q} onChange={(e) => setQ(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && hits.length) { e.preventDefault(); setOpen(true); setActive((a) => (a + 1) % hits.length); }
          else if (e.key === 'ArrowUp' && hits.length) { e.preventDefault(); setActive((a) => (a <= 0 ? hits.length - 1 : a - 1)); }
          else if (e.key === 'Enter' && open && active >= 0 && hits[active]) { e.preventDefault(); choose(hits[active]); }
          else if (e.key === 'Escape') setOpen(false);
        }}
      />
      <ul id={listId} role="listbox" aria-label={label} className="esco-picker__list" hidden={!open || hits.length === 0}>
        {hits.map((h, i) => (
          <li key={h.id} id={`${id}-opt-${i}`} role="option" aria-selected={i === active} className={i === active ? 'esco-picker__option is-active' : 'esco-picker__option'}
            onMouseDown={(e) => { e.preventDefault(); choose(h); }}>
            <span>{h.label}</span>
            {h.isco && <span className="esco-picker__meta"> · {t('skills.isco', { code: h.isco })}</span>}
            {h.matched && <span className="esco-picker__meta"> · {t('skills.picker.matched', { label: h.matched })}</span>}
          </li>
        ))}
      </ul>
      <p className="visually-hidden" role="status" aria-live="polite">{status}</p>
    </div>
  );
}
