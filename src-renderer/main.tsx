// The composition root. The base styles and the shared components' styles are imported before
// any component, so that they come first in the bundle and each feature's styles, imported by
// its own top component, come after them.
import './base.css';
import './ui/ui.css';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createHearth } from './app/create-hearth';
import { HearthProvider } from './app/HearthContext';
import { applyStoredTheme } from './features/settings/theme';
import { LoadingScreen } from './features/shell/LoadingScreen';
import { StartupErrorScreen } from './features/shell/StartupErrorScreen';

// Before the first screen, so it never flashes in the other theme.
applyStoredTheme();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);
const show = (node: ReactNode) => root.render(<StrictMode>{node}</StrictMode>);

show(<LoadingScreen message="Opening Hearth…" />);

createHearth().then(
  (app) =>
    show(
      <HearthProvider app={app}>
        <App />
      </HearthProvider>,
    ),
  (error: unknown) => {
    console.error('Hearth could not start', error);
    show(<StartupErrorScreen error={error} />);
  },
);
