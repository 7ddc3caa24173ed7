import './zodConfig.ts';
import { markBoot } from './perf/bootMarks.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { checkSessionEarly } from './auth/AuthProvider.tsx';
import { connectEarly } from './collab/earlyConnection.ts';
import { I18nProvider } from './i18n/I18nProvider.tsx';
import './styles.css';

markBoot('script');
// Who is signed in, and the map's connection for a remembered member, before React renders.
checkSessionEarly();
connectEarly(location.pathname);
const root = document.getElementById('root');
if (!root) throw new Error('missing #root element');
createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);
