'use client';
import type { FlowCallToAction } from '@groupkit/client';
import type { ReactNode } from 'react';
import { useOnboarding } from './context';
import type { BuiltInStepProps } from './flowSteps';

export interface ContentStepProps extends BuiltInStepProps {
  /** The step's id (progress is kept by it). */
  id: string;
  /** The step's heading. */
  title: ReactNode;
  /**
   * What the step says: text (a blank line starts a new paragraph; never read as HTML) or
   * your own nodes.
   * @example <ContentStep id="docs" title="Read the docs" body={'Everything in one place.\n\nSearch it any time.'} />
   */
  body: ReactNode;
  /**
   * A link under the text: an `https:` URL or a path on your app (any other is not shown).
   * @default undefined
   * @example <ContentStep id="docs" title="Docs" body="…" cta={{ label: 'Open the docs', href: '/docs' }} />
   */
  cta?: FlowCallToAction;
}

/** Only links that cannot run script: an app path (not `//host`) or an https: URL. */
const safeHref = (href: string) =>
  (href.startsWith('/') && !href.startsWith('//')) || /^https:\/\//i.test(href);

/**
 * A step of text with an optional call to action: what a server-defined flow's `content`
 * step renders, and usable in a flow of your own.
 * @example
 * <OnboardingFlow id="tour">
 *   <ContentStep id="docs" title="Read the docs" body="Everything in one place." cta={{ label: 'Open docs', href: '/docs' }} />
 *   <DoneStep />
 * </OnboardingFlow>
 */
export function ContentStep({ body, cta, children }: ContentStepProps) {
  useOnboarding('ContentStep');
  return (
    <>
      {typeof body === 'string'
        ? body
            .split(/\n\s*\n/)
            .filter((text) => text.trim())
            .map((text, i) => <p key={i}>{text}</p>)
        : body}
      {cta && safeHref(cta.href) && (
        <p>
          <a className="groupkit-onboarding-cta" href={cta.href}>
            {cta.label}
          </a>
        </p>
      )}
      {children}
    </>
  );
}
