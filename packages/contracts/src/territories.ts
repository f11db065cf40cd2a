import { Type, type Static } from 'typebox';

import { territoryLevels, type TerritoryLevelCode } from './lists/territories.ts';

export const TerritoryLevel = Type.Enum(territoryLevels);
export type TerritoryLevel = TerritoryLevelCode;

export const TerritoryCode = Type.String({ minLength: 2, maxLength: 24, pattern: '^[A-Za-z0-9_]+$' });

export const TerritoryRef = Type.Object({ code: Type.String(), name: Type.String(), level: TerritoryLevel });
export type TerritoryRef = Static<typeof TerritoryRef>;

export const Territory = Type.Object({
  code: Type.String(),
  level: TerritoryLevel,
  name: Type.String(),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  country: Type.Union([Type.String(), Type.Null()]),
  population: Type.Union([Type.Integer(), Type.Null()]),
  lon: Type.Union([Type.Number(), Type.Null()]),
  lat: Type.Union([Type.Number(), Type.Null()]),
  areaKm2: Type.Union([Type.Number(), Type.Null()]),
  childCount: Type.Integer(),
});
export type Territory = Static<typeof Territory>;

export const TerritoryDetail = Type.Intersect([Territory, Type.Object({ ancestors: Type.Array(TerritoryRef) })]);
export type TerritoryDetail = Territory & { ancestors: TerritoryRef[] };

export const TerritoryHit = Type.Intersect([Territory, Type.Object({ path: Type.String() })]);
export type TerritoryHit = Territory & { path: string };
