/**
 * The contract's channel names without their schemas, for the preload (which must stay small and free of zod).
 * contract.ts checks at compile time that this list and the contract's keys are the same set.
 */
export const channelNames = [
  'vault.status',
  'vault.create',
  'vault.unlock',
  'vault.lock',
  'vault.info',
  'session.activity',
  'settings.get',
  'settings.update',
  'keystores.list',
  'keystores.get',
  'keystores.create',
  'keystores.update',
  'keys.list',
  'keys.get',
  'keys.create',
  'keys.import',
  'keys.update',
  'keys.rotate',
  'keys.requestDeletion',
  'keys.cancelDeletion',
  'keys.deleteNow',
  'keys.encrypt',
  'keys.decrypt',
  'keys.dataKey',
  'keys.sign',
  'keys.verify',
  'keys.publicKey',
  'keys.reveal',
] as const;
export type ChannelName = (typeof channelNames)[number];
