// The app's own origin: pages load only from app://edc.

export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://edc';
