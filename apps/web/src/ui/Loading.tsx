import { useTranslation } from 'react-i18next';

/**
 * An announced "Loading…". `block`: it stands for a page's main content and keeps that content's
 * room (most of a screen), so what follows it is already below the fold and does not jump when
 * the content arrives.
 */
export function Loading({ label, block = false }: { label?: string; block?: boolean }) {
  const { t } = useTranslation();
  return (
    <p role="status" className={block ? 'loading loading--block' : 'loading'}>
      {label ?? t('common.loading')}
    </p>
  );
}
