// Live updates: one EventSource per signed-in tab on /api/events/stream. The browser reconnects
// by itself and sends Last-Event-ID, so the server replays what was missed; ids already seen are
// dropped (the server may re-send the last seconds). Components subscribe with useLiveEvents().
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

export interface LiveEvent { id: number; at: string; type: string; recordId: string | null; payload: Record<string, any> }
type Listener = (e: LiveEvent) => void;

/** unreadBump changes on every new event and when notifications are marked read (refreshUnread). */
interface LiveValue { subscribe(fn: Listener): () => void; connected: boolean; unreadBump: number; refreshUnread: () => void }
const LiveContext = createContext<LiveValue>({ subscribe: () => () => {}, connected: false, unreadBump: 0, refreshUnread: () => {} });

const TYPES = ['capacity.changed', 'notice.announced', 'notice.accepted', 'notice.partially_accepted', 'notice.declined', 'notice.withdrawn', 'notice.amended', 'notice.arrived', 'notice.escalated'];

export function LiveProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const listeners = useRef(new Set<Listener>());
  const seen = useRef(new Set<number>());
  const [connected, setConnected] = useState(false);
  const [unreadBump, setUnreadBump] = useState(0);
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/events/stream');
    const onMessage = (m: MessageEvent<string>) => {
      try {
        const e = JSON.parse(m.data) as LiveEvent;
        if (seen.current.has(e.id)) return;
        seen.current.add(e.id);
        setUnreadBump((n) => n + 1);
        for (const fn of listeners.current) fn(e);
      } catch { /* ignore a malformed frame */ }
    };
    for (const type of TYPES) source.addEventListener(type, onMessage as EventListener);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    return () => { source.close(); setConnected(false); };
  }, [enabled]);
  const subscribe = useCallback((fn: Listener) => { listeners.current.add(fn); return () => { listeners.current.delete(fn); }; }, []);
  const refreshUnread = useCallback(() => setUnreadBump((n) => n + 1), []);
  const value = useMemo(() => ({ subscribe, connected, unreadBump, refreshUnread }), [subscribe, connected, unreadBump, refreshUnread]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export const useLive = () => useContext(LiveContext);

/** Calls onEvent for each live event whose type starts with one of the prefixes. */
export function useLiveEvents(prefixes: string[], onEvent: (e: LiveEvent) => void): void {
  const { subscribe } = useLive();
  const ref = useRef(onEvent);
  ref.current = onEvent;
  const key = prefixes.join('|');
  useEffect(() => subscribe((e) => { if (key.split('|').some((p) => e.type.startsWith(p))) ref.current(e); }), [subscribe, key]);
}

/** A reload function that runs at most once per `ms` when live events arrive in bursts. */
export function useThrottledReload(reload: () => void, ms = 300): () => void {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => { if (timer.current) clearTimeout(timer.current); }, []);
  return useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => { timer.current = null; reload(); }, ms);
  }, [reload, ms]);
}
