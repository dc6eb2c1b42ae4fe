// The contract's channel names as plain data, for the sandboxed preload (which cannot load zod).
// A test keeps this list equal to the keys of `contract`.

export const CHANNEL_NAMES = [
  'app:status',
  'app:settings',
  'site:init',
  'auth:login',
  'auth:logout',
  'study:definition',
  'site:params',
  'site:setParam',
  'subjects:list',
  'subjects:create',
  'subjects:casebook',
  'subjects:evaluationData',
  'subjects:identity',
  'subjects:setIdentity',
  'forms:open',
  'forms:save',
  'forms:sign',
  'forms:signMany',
  'forms:lock',
  'forms:unlock',
  'forms:remove',
  'forms:history',
  'users:list',
  'users:add',
  'users:resetPassword',
  'users:unlock',
  'users:deactivate',
  'users:setRole',
  'users:changePassword',
  'backup:status',
  'backup:run',
  'audit:verify',
  'jobs:get',
  'export:status',
  'export:start',
  'export:setUploadUrl',
  'export:upload',
  'receipt:import',
  'central:summary',
  'central:merge',
  'review:grid',
  'export:csv',
  'report:build',
] as const;

/** Channels only the desktop shell answers (native dialogs), never the loopback transport. */
export const SHELL_CHANNEL_NAMES = ['shell:chooseFolder'] as const;

export const BRIDGE_NAME = 'edc';
