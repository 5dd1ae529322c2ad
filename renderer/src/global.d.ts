import type { SkmBridge } from '../../shared/contract';

declare global {
  interface Window {
    skm: SkmBridge;
  }
}
