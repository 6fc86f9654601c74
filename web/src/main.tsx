import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { setUpI18n } from './app/i18n.ts';
import { router } from './app/router.tsx';
import './ui/theme.css';

setUpI18n();

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element to render into');

createRoot(rootElement).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
