import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { MAX_ROTATION_DAYS, MIN_ROTATION_DAYS } from '../../../shared/domain';
import { ApiError } from '../api';
import { useT, t as translate } from '../i18n';

/**
 * Rotation Cycle as a choice that is never empty (issue 12, item 4): "0 — no automatic rotation" is one of the
 * options, next to common cycles and a custom number of days. A custom cycle left empty is an error, never Off.
 */
const PRESET_DAYS = [30, 90, 180, 365] as const;
const CUSTOM = 'custom';

export interface RotationChoice {
  /** '0', one of the preset days, or 'custom'. */
  choice: string;
  /** The typed days, for 'custom'. */
  days: string;
}

export function rotationChoice(days: number): RotationChoice {
  if (days === 0 || (PRESET_DAYS as readonly number[]).includes(days)) return { choice: String(days), days: '' };
  return { choice: CUSTOM, days: String(days) };
}

/** The days to send. Empty custom days throw the field's error in words; anything typed goes to main, which checks it. */
export function rotationDays(value: RotationChoice): number {
  if (value.choice !== CUSTOM) return Number(value.choice);
  if (value.days.trim() === '') {
    throw new ApiError({
      code: 'VALIDATION_FAILED',
      message: translate('Enter the number of days between automatic rotations ({{min}} to {{max}}), or choose 0 — no automatic rotation.', {
        min: MIN_ROTATION_DAYS,
        max: MAX_ROTATION_DAYS.toLocaleString(),
      }),
      field: 'rotationCycleDays',
    });
  }
  return Number(value.days);
}

export function RotationCycleField({
  value,
  onChange,
  error,
  disabled,
}: {
  value: RotationChoice;
  onChange: (value: RotationChoice) => void;
  error?: string;
  disabled?: boolean;
}) {
  const t = useT();
  const custom = value.choice === CUSTOM;
  return (
    <>
      <TextField
        select
        required
        label={t('Rotation Cycle')}
        value={value.choice}
        onChange={(e) => onChange({ choice: e.target.value, days: value.days })}
        disabled={disabled}
        error={!custom && !!error}
        helperText={(!custom && error) || t('How often a new version is made automatically. Immediately Rotate works either way.')}
      >
        <MenuItem value="0">{t('0 — no automatic rotation')}</MenuItem>
        {PRESET_DAYS.map((d) => (
          <MenuItem key={d} value={String(d)}>
            {t('Every {{days}} days', { days: d })}
          </MenuItem>
        ))}
        <MenuItem value={CUSTOM}>{t('Custom number of days…')}</MenuItem>
      </TextField>
      {custom && (
        <TextField
          label={t('Days between rotations')}
          type="number"
          required
          autoFocus
          value={value.days}
          onChange={(e) => onChange({ choice: CUSTOM, days: e.target.value })}
          disabled={disabled}
          slotProps={{ htmlInput: { min: MIN_ROTATION_DAYS, max: MAX_ROTATION_DAYS, step: 1 } }}
          error={!!error}
          helperText={error ?? t('{{min}} to {{max}} days.', { min: MIN_ROTATION_DAYS, max: MAX_ROTATION_DAYS.toLocaleString() })}
        />
      )}
    </>
  );
}
