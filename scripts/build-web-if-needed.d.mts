export function webIsStale(): boolean;
