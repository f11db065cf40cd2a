// The case worker's day at a glance (the home page, issue 12): GET /pathways/today.
import { Type, type Static } from 'typebox';
import { Uuid } from './common.ts';
import { referralStatuses } from './lists/pathways.ts';

export const PathwaysToday = Type.Object({
  /** People who arrived through a notice and whose identity no one has entered yet. */
  newArrivals: Type.Integer(),
  /** Referrals of the organisation that a partner accepted or closed within `days`, newest first (at most 10). */
  referralsAnswered: Type.Array(
    Type.Object({
      id: Uuid,
      personId: Uuid,
      givenName: Type.String(),
      familyName: Type.String(),
      identityPending: Type.Boolean(),
      partnerOrganisation: Type.Object({ id: Uuid, name: Type.String() }),
      status: Type.Enum(referralStatuses),
      answeredAt: Type.String(),
    }),
  ),
  days: Type.Integer(),
});
export type PathwaysToday = Static<typeof PathwaysToday>;
