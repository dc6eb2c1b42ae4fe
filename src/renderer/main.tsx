// Renderer entry: the API client for this transport (Electron bridge or loopback token), i18n, and the app.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { bridgeOf, createClient } from './api/client';
import { takeLaunchToken } from './api/token';
import { App } from './app/App';
import { createI18n } from './i18n/i18n';
import { LangProvider } from './i18n/lang-context';
import './styles/app.css';
import './styles/status-matrix.css';
import './styles/queries.css';

const bridge = bridgeOf(window);
const api = createClient({ bridge, token: bridge ? undefined : takeLaunchToken() });
const i18n = createI18n('it');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <LangProvider>
        <App api={api} />
      </LangProvider>
    </I18nextProvider>
  </StrictMode>,
);
