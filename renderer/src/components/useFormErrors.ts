import { useState } from 'react';
import { ApiError, errorMessage } from '../api';

/**
 * Errors from a call, split into the one per field (shown under that input) and the rest (shown in an alert).
 */
export function useFormErrors() {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  return {
    fieldError: (name: string): string | undefined => fields[name],
    general,
    clear() {
      setFields({});
      setGeneral(null);
    },
    show(err: unknown) {
      if (err instanceof ApiError && err.field) {
        setFields({ [err.field]: err.message });
        setGeneral(null);
      } else {
        setFields({});
        setGeneral(errorMessage(err));
      }
    },
  };
}
