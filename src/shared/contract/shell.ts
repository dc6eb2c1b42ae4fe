// Inputs of the desktop shell's own channels (native dialogs), which only the Electron main process answers.

import { z } from 'zod';

/** The file picker: the extensions to offer first (e.g. ["json"] for a site kit); every file stays choosable. */
export const ChooseFileInput = z.strictObject({ extensions: z.array(z.string().regex(/^[a-z0-9]{1,10}$/)).max(5).default([]) });
