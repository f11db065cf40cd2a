import { Type, type Static } from 'typebox';
import { Uuid } from './common.ts';
import { OrganisationKind } from './accounts.ts';
import { TerritoryRef, TerritoryCode } from './territories.ts';

export const Organisation = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: OrganisationKind,
  territory: TerritoryRef,
  parentId: Type.Union([Uuid, Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  website: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
});
export type Organisation = Static<typeof Organisation>;

export const CreateOrganisation = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: OrganisationKind,
    territoryCode: TerritoryCode,
    parentId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()])),
    website: Type.Optional(Type.Union([Type.String({ format: 'uri', maxLength: 500 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type CreateOrganisation = Static<typeof CreateOrganisation>;
