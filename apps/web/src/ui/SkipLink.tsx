import { useTranslation } from 'react-i18next';

export function SkipLink({ target = 'main' }: { target?: string }) {
  const { t } = useTranslation();
  return (
    <a
      className="skip-link"
      href={`#${target}`}
      onClick={(event) => {
        const el = document.getElementById(target);
        if (el) {
          event.preventDefault();
          el.focus();
          el.scrollIntoView();
        }
      }}
    >
      {t('layout.skipToContent')}
    </a>
  );
}
