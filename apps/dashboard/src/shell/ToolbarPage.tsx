import type { ReactNode } from 'react';
import { PageShell } from './PageShell.tsx';

export interface ToolbarPageProps {
  /** The header's line under the city's name, and the page's own heading. */
  subtitle: string;
  heading: string;
  testId: string;
  /** The section's class: its layout (an-main, ex-main). */
  className: string;
  /** The fields that choose the view, after the heading. */
  toolbar: ReactNode;
  /** The toolbar's own layout class and test id, where a page has them (the explorer's one-line toolbar). */
  toolbarClassName?: string;
  toolbarTestId?: string;
  children: ReactNode;
}

/**
 * A desk page whose view is chosen in a toolbar (the analyst's pages, the 766 drill-down, the leader's
 * briefing): the PageShell frame, then one section (`className`) that opens with the toolbar — the
 * page's heading and its fields — above the page's body.
 */
export function ToolbarPage({ subtitle, heading, testId, className, toolbar, toolbarClassName, toolbarTestId, children }: ToolbarPageProps) {
  return (
    <PageShell subtitle={subtitle} testId={testId}>
      <section className={className}>
        <div className={toolbarClassName ? `op-toolbar ${toolbarClassName}` : 'op-toolbar'} data-testid={toolbarTestId}>
          <h2 className="page-title">{heading}</h2>
          {toolbar}
        </div>
        {children}
      </section>
    </PageShell>
  );
}
