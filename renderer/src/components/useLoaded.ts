import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api';

/**
 * A list a screen fetches from main when it opens, and again after its own changes (`reload`): the value (null while
 * loading) and the error to show in words.
 */
export function useLoaded<T>(fetch: () => Promise<T>) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    fetch().then(
      (next) => {
        setValue(next);
        setError(null);
      },
      (err) => setError(errorMessage(err)),
    );
  }, [fetch]);
  useEffect(reload, [reload]);
  return { value, error, reload };
}
