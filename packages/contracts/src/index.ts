// The API's schemas, once: the server validates with them, OpenAPI is generated from them, and the
// web client and tests take their types from them.
export * from './common.ts';
export * from './dates.ts';
export * from './territories.ts';
export * from './accounts.ts';
export * from './organisations.ts';
export * from './audit.ts';
export * from './reception.ts';
export * from './placement.ts';
export * from './pathways.ts';
