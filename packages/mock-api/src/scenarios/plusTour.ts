import type { FlowProgressRecord, FlowRecord } from '../engine/types';
import { daysFrom } from './build';

/** The demo's server-defined onboarding flow: a short tour for Plus members. */
export const PLUS_TOUR_ID = 'plus-tour';

/**
 * The tour as published (version 1) and as its draft: a welcome, a content step with a call
 * to action, a choice of open groups, done. Targeted at Plus members, so Grace gets it and Ada
 * (Pro) does not.
 */
export function plusTourFlow(now: Date): FlowRecord {
  const published = daysFrom(now, -30);
  const content = {
    name: 'Plus tour',
    steps: [
      {
        id: 'hello',
        type: 'welcome' as const,
        title: 'Welcome to Plus',
        body: 'Three things Plus gives you, in under a minute.',
      },
      {
        id: 'perks',
        type: 'content' as const,
        title: 'Your Plus perks',
        body: 'Priority support, and new features a month before everyone else.',
        cta: { label: 'See your groups', href: '/#groups' },
      },
      {
        id: 'pick',
        type: 'choose_groups' as const,
        title: 'Join the conversation',
        groups: ['newsletter', 'community'],
      },
      { id: 'done', type: 'done' as const, title: 'You’re all set' },
    ],
    targeting: { include: ['plus'], exclude: [] },
  };
  return {
    id: PLUS_TOUR_ID,
    draft: content,
    versions: [
      { flowId: PLUS_TOUR_ID, version: 1, ...content, publishedAt: published, retiredAt: null },
    ],
    currentVersion: 1,
    createdAt: daysFrom(now, -31),
    updatedAt: published,
  };
}

/**
 * Earlier Plus members' way through the tour, so the console's funnel has a story on first
 * open: of four who started, two completed, one is on the groups step, one dismissed it on
 * the perks step (started 4; reached hello 4, perks 4, pick 3, done 2; completed 2,
 * dismissed 1).
 */
export function plusTourProgress(now: Date): FlowProgressRecord[] {
  const record = (
    userId: string,
    status: FlowProgressRecord['status'],
    step: string,
    completedSteps: string[],
    daysAgo: number,
  ): FlowProgressRecord => ({
    userId,
    flowId: PLUS_TOUR_ID,
    version: 1,
    status,
    step,
    completedSteps,
    updatedAt: daysFrom(now, -daysAgo),
  });
  return [
    record('u_01', 'completed', 'done', ['hello', 'perks', 'pick', 'done'], 20),
    record('u_02', 'completed', 'done', ['hello', 'perks', 'pick', 'done'], 12),
    record('u_03', 'in_progress', 'pick', ['hello', 'perks'], 5),
    record('u_04', 'dismissed', 'perks', ['hello'], 2),
  ];
}
