// What modules hold about a person beyond the person record itself (a skills profile, …), for the
// person's rights: the module that keeps the person (pathways) calls these inside its own export
// (GDPR Art. 15, 20) and erasure (Art. 17, retention) transactions, so nothing a module holds about
// a person escapes either. Modules declare it in their manifest (`personData`); the platform
// collects the declarations when it boots and never names a module.
import type { CapabilityModule, PersonData } from './module.ts';
import type { Tx } from './context.ts';

let holders: ReadonlyArray<{ name: string; data: PersonData }> = [];

export function usePersonData(modules: readonly CapabilityModule[]): void {
  holders = modules.filter((m) => m.personData).map((m) => ({ name: m.name, data: m.personData! }));
}

/** Each module's part of a person's export, by module name (modules holding nothing are left out). */
export async function exportPersonData(trx: Tx, personId: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const h of holders) {
    const part = await h.data.export(trx, personId);
    if (part !== null && part !== undefined) out[h.name] = part;
  }
  return out;
}

/** Erases what every module holds about these people, in the erasing transaction. */
export async function erasePersonData(trx: Tx, personIds: readonly string[]): Promise<void> {
  if (!personIds.length) return;
  for (const h of holders) await h.data.erase(trx, personIds);
}
