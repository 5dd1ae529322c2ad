import { AsymmetricAlgorithmLabels, type KeyView } from '../../../shared/domain';
import { t } from '../i18n';

export function algorithmLabel(key: Pick<KeyView, 'algorithm'>): string {
  if (key.algorithm === 'none') return '—';
  if (key.algorithm === 'AES-256-GCM') return 'AES-256-GCM';
  return AsymmetricAlgorithmLabels[key.algorithm];
}

export function rotationLabel(key: Pick<KeyView, 'type' | 'origin' | 'rotationCycleDays'>): string {
  if (key.type === 'confidential') return '—';
  if (key.origin === 'imported') return t('Not rotated (imported)');
  return key.rotationCycleDays === 0 ? t('Off') : t('Every {{days}} days', { days: key.rotationCycleDays });
}

/** What turning Allow export on means, said wherever it can be turned on (shown through t()). */
export const ALLOW_EXPORT_TEXT = "Client programs with access to this key store will be able to read this key's material through the Key API.";
