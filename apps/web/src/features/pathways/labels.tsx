// Small shared pieces of the pathways screens.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

type Named = { givenName: string; familyName: string; identityPending?: boolean; arrival?: { reference: string; position: number; of: number } | null };

/**
 * What a person is called on screen: the name as written, or — for someone who came through an
 * arrival notice and whose identity no one has entered yet (placement carries no names) — "New
 * arrival — AN-…, person 2 of 4" in the reader's language.
 */
export function personLabel(person: Named, t: TFunction): string {
  if (person.identityPending || (!person.givenName && !person.familyName)) {
    return person.arrival
      ? t('pathways.newArrival.label', { reference: person.arrival.reference, position: person.arrival.position, of: person.arrival.of })
      : t('pathways.newArrival.unnamed');
  }
  return `${person.givenName} ${person.familyName}`;
}

/** A newcomer's name as written (any script), isolated for right-to-left pages. */
export function PersonName({ person }: { person: Named }) {
  const { t } = useTranslation();
  return <bdi>{personLabel(person, t)}</bdi>;
}

/** Today as YYYY-MM-DD (local calendar). */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
