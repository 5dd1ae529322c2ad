import { useState, type FormEvent } from 'react';
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

/** A form's submit handler: clears old errors, shows progress while `action` runs, and puts its error in place. */
export function useFormSubmit(action: () => Promise<unknown>) {
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      await action();
    } catch (err) {
      errors.show(err);
    } finally {
      setBusy(false);
    }
  }
  return { errors, busy, onSubmit };
}
