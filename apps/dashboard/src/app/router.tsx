import { createBrowserHistory, createRouter, type RouterHistory } from '@tanstack/react-router';
import type { ComponentType, ReactNode } from 'react';
import { buildRouteTree, type Screens } from './route-tree.tsx';
import { parseSearch, stringifySearch } from './search.ts';

/** The app's router: the route tree, flat query strings (not JSON), and the browser's history unless one is given. */
export function createAppRouter(screens: Screens, Shell: ComponentType<{ children: ReactNode }>, history?: RouterHistory) {
  return createRouter({
    routeTree: buildRouteTree(screens, Shell),
    history: history ?? createBrowserHistory(),
    parseSearch,
    stringifySearch,
    // a lazy page keeps the previous one on screen while its code loads; after a second, a blank page frame
    defaultPendingComponent: () => <div className="page page-loading" />,
    defaultPendingMs: 1000,
  });
}

export type AppRouter = ReturnType<typeof createAppRouter>;
