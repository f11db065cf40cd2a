import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './client';

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  /** True from the very render in which `key` changes until its answer arrives. */
  loading: boolean;
  reload: () => void;
  setData: (updater: (previous: T | undefined) => T | undefined) => void;
}

interface Settled<T> {
  token: string;
  data: T | undefined;
  error: ApiError | undefined;
}

/**
 * Runs `load` whenever `key` changes (and on reload), cancelling the previous request.
 * The last answer stays available while the next one loads, so tables do not flash empty.
 */
export function useApi<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): ApiState<T> {
  const [generation, setGeneration] = useState(0);
  const [settled, setSettled] = useState<Settled<T>>({ token: '', data: undefined, error: undefined });
  const loadRef = useRef(load);
  loadRef.current = load;
  const token = key === null ? '' : `${generation}\u0000${key}`;

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setSettled({ token, data, error: undefined });
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        const error = err instanceof ApiError ? err : new ApiError(0, { title: String(err) });
        setSettled((previous) => ({ token, data: previous.data, error }));
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [token]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const setData = useCallback(
    (updater: (previous: T | undefined) => T | undefined) => setSettled((s) => ({ ...s, data: updater(s.data) })),
    [],
  );
  const current = settled.token === token;
  return {
    data: settled.data,
    error: current ? settled.error : undefined,
    loading: key !== null && !current,
    reload,
    setData,
  };
}
