import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../api';

/** Focus the first field (in the order the form shows them) that says it is invalid; false when there is none. */
export function focusFirstInvalid(root: ParentNode | null | undefined): boolean {
  const field = root?.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!field) return false;
  field.focus();
  return true;
}

/**
 * Errors from a call, split into the ones per field (shown under each input, all at once) and the rest (shown in
 * an alert).
 */
export function useFormErrors() {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const fieldError = (name: string): string | undefined => (Object.hasOwn(fields, name) ? fields[name] : undefined);
  return {
    fieldError,
    /** A text field's error and helper text: main's words for `name` when it refused it, else `help`. */
    fieldProps: (name: string, help?: string): { error: boolean; helperText: string | undefined } => {
      const refused = fieldError(name);
      return { error: refused !== undefined, helperText: refused ?? help };
    },
    general,
    clear() {
      setFields({});
      setGeneral(null);
    },
    show(err: unknown) {
      if (err instanceof ApiError && (err.fields || err.field)) {
        setFields(err.fields ? { ...err.fields } : { [err.field!]: err.message });
        setGeneral(null);
      } else {
        setFields({});
        setGeneral(errorMessage(err));
      }
    },
  };
}

/**
 * A form's submit handler: clears old errors, shows progress while `action` runs, and puts its errors in place;
 * after a refusal the first invalid field takes the focus, so the keyboard is where the fixing starts.
 */
export function useFormSubmit(action: () => Promise<unknown>) {
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const refusedForm = useRef<HTMLFormElement | null>(null);
  // After the render that marked the fields invalid.
  useEffect(() => {
    if (busy || !refusedForm.current) return;
    focusFirstInvalid(refusedForm.current);
    refusedForm.current = null;
  });
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const form = e.currentTarget instanceof HTMLFormElement ? e.currentTarget : null;
    errors.clear();
    setBusy(true);
    try {
      await action();
    } catch (err) {
      errors.show(err);
      refusedForm.current = form;
    } finally {
      setBusy(false);
    }
  }
  return { errors, busy, onSubmit };
}
