import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type LanguageCode, toSupported } from '../i18n';

export function LanguageSwitcher({ onChange }: { onChange: (code: LanguageCode) => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const current = toSupported(i18n.language) ?? 'en';
  return (
    <div className="language-switcher">
      <label htmlFor={id} className="language-switcher__label">
        {t('layout.language')}
      </label>
      <select
        id={id}
        className="language-switcher__select"
        value={current}
        onChange={(event) => {
          const code = toSupported(event.target.value);
          if (code) onChange(code);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code} dir={l.dir}>
            {l.name}
          </option>
        ))}
      </select>
    </div>
  );
}
