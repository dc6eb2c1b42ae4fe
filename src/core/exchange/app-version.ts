// The app's name and version as written into what it exports (bundle and return-bundle manifests).

export const APP_VERSION = 'edc-offline/0.1.0';
