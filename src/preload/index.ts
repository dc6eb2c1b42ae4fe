// Preload (sandboxed): exposes exactly one method per contract entry, each forwarding to its IPC channel. No logic.

import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_NAME, CHANNEL_NAMES, SHELL_CHANNEL_NAMES } from '../shared/contract/channels';

const api: Record<string, (input?: unknown) => Promise<unknown>> = {};
for (const channel of [...CHANNEL_NAMES, ...SHELL_CHANNEL_NAMES]) {
  api[channel] = (input?: unknown) => ipcRenderer.invoke(channel, input ?? {});
}
contextBridge.exposeInMainWorld(BRIDGE_NAME, Object.freeze(api));
