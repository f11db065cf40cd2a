import { Type, type Static } from 'typebox';
import { Locale, Uuid } from './common.ts';
import { TerritoryRef } from './territories.ts';

import { organisationKinds, roles, type OrganisationKindCode, type Role } from './lists/platform.ts';

export type RoleName = Role;
export const RoleName = Type.Enum(roles);

export type OrganisationKind = OrganisationKindCode;
export const OrganisationKind = Type.Enum(organisationKinds);

export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
export const Password = Type.String({ minLength: 1, maxLength: 200 });
export const NewPassword = Type.String({ minLength: 12, maxLength: 200 });

export const SignIn = Type.Object({ email: Email, password: Password }, { additionalProperties: false });
export type SignIn = Static<typeof SignIn>;

export const Me = Type.Object({
  id: Uuid,
  email: Type.String(),
  displayName: Type.String(),
  role: RoleName,
  locale: Type.Union([Type.String(), Type.Null()]),
  rights: Type.Array(Type.String()),
  organisation: Type.Object({ id: Uuid, name: Type.String(), kind: OrganisationKind, territory: TerritoryRef }),
});
export type Me = Static<typeof Me>;

export const UpdateMe = Type.Object({ locale: Locale }, { additionalProperties: false });

export const User = Type.Object({
  id: Uuid,
  email: Type.String(),
  displayName: Type.String(),
  role: RoleName,
  organisation: Type.Object({ id: Uuid, name: Type.String() }),
  active: Type.Boolean(),
  locale: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  lastSignInAt: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
});
export type User = Static<typeof User>;

export const CreateUser = Type.Object(
  {
    email: Email,
    displayName: Type.String({ minLength: 1, maxLength: 120 }),
    role: RoleName,
    organisationId: Uuid,
    password: NewPassword,
    locale: Type.Optional(Locale),
  },
  { additionalProperties: false },
);
export type CreateUser = Static<typeof CreateUser>;

export const UpdateUser = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    role: Type.Optional(RoleName),
    organisationId: Type.Optional(Uuid),
    active: Type.Optional(Type.Boolean()),
    password: Type.Optional(NewPassword),
  },
  { additionalProperties: false },
);
export type UpdateUser = Static<typeof UpdateUser>;

export const RoleRights = Type.Object({ role: RoleName, rights: Type.Array(Type.String()), sharedReach: Type.String(), peopleReach: Type.String() });
