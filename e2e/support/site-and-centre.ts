// A site's app and the coordinating centre's app side by side, each on its own loopback server and browser.

import { startApp, type AppServer } from './app-server';
import { openBrowser, type Browser } from './browser';

export interface SiteAndCentre {
  readonly siteApp: AppServer;
  readonly centreApp: AppServer;
  readonly siteBrowser: Browser;
  readonly centreBrowser: Browser;
  close(): Promise<void>;
}

/** Both apps started on their data folders (the site's fresh when not given), both pages at their launch URL. */
export async function openSiteAndCentre(folders: { readonly siteDir?: string; readonly centreDir: string }): Promise<SiteAndCentre> {
  const siteApp = await startApp(folders.siteDir === undefined ? {} : { dataDir: folders.siteDir });
  const centreApp = await startApp({ dataDir: folders.centreDir });
  const siteBrowser = await openBrowser(siteApp.server.url);
  const centreBrowser = await openBrowser(centreApp.server.url);
  for (const page of [siteBrowser.page, centreBrowser.page]) page.setDefaultTimeout(20_000);
  await siteBrowser.page.goto(siteApp.server.launchUrl);
  await centreBrowser.page.goto(centreApp.server.launchUrl);
  return {
    siteApp,
    centreApp,
    siteBrowser,
    centreBrowser,
    async close() {
      await siteBrowser.close();
      await centreBrowser.close();
      await siteApp.stop();
      await centreApp.stop();
    },
  };
}
