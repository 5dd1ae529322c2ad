// One Korean resource, kept in one file per area so that each area's words change in one place.
import { common } from './common';
import { keystores } from './keystores';
import { keys } from './keys';
import { auth } from './auth';
import { approval } from './approval';
import { audit } from './audit';
import { members } from './members';
import { settings } from './settings';
import { backup } from './backup';
import { ceremony } from './ceremony';
import { keyapi } from './keyapi';
import { vault } from './vault';
import { grid } from './grid';
import { transfer } from './transfer';

export const ko: Record<string, string> = {
  ...common,
  ...keystores,
  ...keys,
  ...auth,
  ...approval,
  ...audit,
  ...members,
  ...settings,
  ...backup,
  ...ceremony,
  ...keyapi,
  ...vault,
  ...grid,
  ...transfer,
};
