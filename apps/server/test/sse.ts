// A minimal Server-Sent Events client for tests and benchmarks (Node's fetch, no EventSource).
export interface SseEvent { id: number; type: string; data: { id: number; type: string; recordId: string | null; payload: Record<string, any> }; receivedAt: number }

export interface SseStream {
  events: SseEvent[];
  status: number;
  contentType: string;
  waitFor(pred: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
}

export async function openStream(baseUrl: string, cookie: string, opts: { lastEventId?: number; onEvent?: (e: SseEvent) => void } = {}): Promise<SseStream> {
  const controller = new AbortController();
  const headers: Record<string, string> = { cookie, accept: 'text/event-stream' };
  if (opts.lastEventId !== undefined) headers['last-event-id'] = String(opts.lastEventId);
  const res = await fetch(`${baseUrl}/api/events/stream`, { headers, signal: controller.signal });
  const events: SseEvent[] = [];
  const waiters: Array<{ pred: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }> = [];
  const stream: SseStream = {
    events, status: res.status, contentType: res.headers.get('content-type') ?? '',
    waitFor(pred, timeoutMs = 10_000) {
      const found = events.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const w = { pred, resolve: (e: SseEvent) => { clearTimeout(timer); resolve(e); } };
        const timer = setTimeout(() => { waiters.splice(waiters.indexOf(w), 1); reject(new Error(`no matching event within ${timeoutMs} ms; got ${events.map((e) => e.type).join(', ')}`)); }, timeoutMs);
        waiters.push(w);
      });
    },
    close() { controller.abort(); },
  };
  if (!res.ok || !res.body) return stream;
  void (async () => {
    const decoder = new TextDecoder();
    let buf = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buf += decoder.decode(chunk, { stream: true });
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          let id = 0, type = 'message', data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) id = Number(line.slice(4));
            else if (line.startsWith('event: ')) type = line.slice(7);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (!data) continue;
          const e: SseEvent = { id, type, data: JSON.parse(data), receivedAt: performance.now() };
          events.push(e);
          opts.onEvent?.(e);
          for (const w of [...waiters]) if (w.pred(e)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(e); }
        }
      }
    } catch { /* aborted */ }
  })();
  return stream;
}
