import { Type, type Static } from 'typebox';
import { locales } from './lists/platform.ts';

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  {
    $id: 'Problem',
    additionalProperties: true,
    description: 'RFC 9457 problem details; field paths like "body.email". A 409 also carries currentVersion and the current record.',
  },
);
export type Problem = Static<typeof Problem>;

export const Uuid = Type.String({ format: 'uuid' });
export const Locale = Type.Enum(locales);
export type Locale = Static<typeof Locale>;

export const Page = <T extends ReturnType<typeof Type.Object>>(item: T) => Type.Object({ items: Type.Array(item), total: Type.Integer() });
