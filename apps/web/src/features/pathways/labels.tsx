// Small shared pieces of the pathways screens.
/** A newcomer's name as written (any script), isolated for right-to-left pages. */
export function PersonName({ person }: { person: { givenName: string; familyName: string } }) {
  return <bdi>{person.givenName} {person.familyName}</bdi>;
}

/** Today as YYYY-MM-DD (local calendar). */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
