/**
 * The public hook signatures, pinned: a change to what a hook takes or returns fails here
 * (vitest typecheck, project `types`), so it is made on purpose and shows in review.
 */
import type {
  AccountGroup,
  FlowProgress,
  FlowStatus,
  GroupKitError,
  Membership,
  MembershipChangeResult,
  RedeemCodeResult,
  UserGroup,
} from '@groupkit/client';
import type { ComponentProps } from 'react';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type GroupKitOutcome,
  type GroupKitProvider,
  type GroupKitResult,
  type MembershipLockReason,
  membershipLockReason,
  useChangeMemberships,
  useGroup,
  useGroupGate,
  useGroupKit,
  useIsMember,
  useJoinGroup,
  useLeaveGroup,
  useMembership,
  useMembershipToggle,
  useMemberships,
  useRedeemCode,
  useUserGroup,
  useUserGroups,
} from '../index';
import { useFlow } from '../flows';

describe('data hooks return one result shape', () => {
  it('loading has no data, ready has it, error may keep the last data', () => {
    expectTypeOf(useMemberships).returns.toEqualTypeOf<GroupKitResult<Membership[]>>();
    expectTypeOf(useMembership).parameter(0).toEqualTypeOf<string>();
    expectTypeOf(useMembership).returns.toEqualTypeOf<GroupKitResult<Membership | null>>();
    expectTypeOf(useUserGroups).returns.toEqualTypeOf<GroupKitResult<UserGroup[]>>();
    expectTypeOf(useUserGroup).returns.toEqualTypeOf<GroupKitResult<UserGroup | null>>();
    type Result = GroupKitResult<number>;
    expectTypeOf<Extract<Result, { status: 'loading' }>['data']>().toEqualTypeOf<undefined>();
    expectTypeOf<Extract<Result, { status: 'ready' }>['data']>().toEqualTypeOf<number>();
    expectTypeOf<Extract<Result, { status: 'error' }>['error']>().toEqualTypeOf<GroupKitError>();
  });

  it('membership checks are undefined until known', () => {
    expectTypeOf(useIsMember).returns.toEqualTypeOf<boolean | undefined>();
    expectTypeOf(useGroupGate).parameter(0).toMatchTypeOf<{
      include?: readonly string[];
      exclude?: readonly string[];
    }>();
    expectTypeOf(useGroupGate).returns.toEqualTypeOf<boolean | undefined>();
  });
});

describe('write hooks resolve to an outcome and never reject', () => {
  it('join, leave and ordered changes', () => {
    type Outcome = GroupKitOutcome<MembershipChangeResult>;
    expectTypeOf(useJoinGroup)
      .returns.toHaveProperty('join')
      .returns.toEqualTypeOf<Promise<Outcome>>();
    expectTypeOf(useLeaveGroup)
      .returns.toHaveProperty('leave')
      .returns.toEqualTypeOf<Promise<Outcome>>();
    expectTypeOf(useJoinGroup)
      .returns.toHaveProperty('error')
      .toEqualTypeOf<GroupKitError | null>();
    expectTypeOf(useJoinGroup).returns.toHaveProperty('reset').toEqualTypeOf<() => void>();
    expectTypeOf(useChangeMemberships)
      .returns.toHaveProperty('apply')
      .returns.toEqualTypeOf<Promise<Outcome>>();
    expectTypeOf<Extract<Outcome, { ok: false }>['data']>().toEqualTypeOf<null>();
    expectTypeOf<Extract<Outcome, { ok: true }>['error']>().toEqualTypeOf<null>();
  });

  it('a membership toggle: state, a typed lock reason, and toggle', () => {
    type Outcome = GroupKitOutcome<MembershipChangeResult>;
    expectTypeOf(useMembershipToggle).parameter(0).toEqualTypeOf<string | UserGroup>();
    expectTypeOf(useMembershipToggle)
      .parameter(1)
      .toMatchTypeOf<{ checked?: boolean } | undefined>();
    expectTypeOf(useMembershipToggle).returns.toEqualTypeOf<{
      group: UserGroup | undefined;
      name: string;
      checked: boolean;
      pending: boolean;
      loading: boolean;
      lockReason: MembershipLockReason | null;
      error: GroupKitError | null;
      toggle: (next?: boolean) => Promise<Outcome>;
      reset: () => void;
    }>();
    expectTypeOf<MembershipLockReason>().toEqualTypeOf<
      'automatic' | 'adminOnly' | 'keepsMembers' | 'closed' | 'scheduled' | 'code' | 'unavailable'
    >();
    expectTypeOf(membershipLockReason).parameters.toEqualTypeOf<
      [UserGroup | null | undefined, Membership | null | undefined, boolean]
    >();
    expectTypeOf(membershipLockReason).returns.toEqualTypeOf<MembershipLockReason | null>();
  });

  it('redeem and identify', () => {
    expectTypeOf(useRedeemCode)
      .returns.toHaveProperty('redeem')
      .returns.toEqualTypeOf<Promise<GroupKitOutcome<RedeemCodeResult>>>();
    expectTypeOf(useRedeemCode)
      .returns.toHaveProperty('status')
      .toEqualTypeOf<'idle' | 'pending' | 'success' | 'error'>();
    expectTypeOf(useGroup).returns.toMatchTypeOf<GroupKitResult<AccountGroup | null>>();
    expectTypeOf(useGroup)
      .returns.toHaveProperty('identify')
      .parameter(0)
      .toMatchTypeOf<Record<string, unknown>>();
  });
});

describe('server-defined flows (@groupkit/react/flows)', () => {
  it('a status that says loading, error or unavailable before the progress, and moves that resolve to an outcome', () => {
    expectTypeOf(useFlow).parameter(0).toEqualTypeOf<string>();
    expectTypeOf(useFlow)
      .returns.toHaveProperty('status')
      .toEqualTypeOf<'loading' | 'error' | 'unavailable' | FlowStatus>();
    expectTypeOf(useFlow).returns.toHaveProperty('step').toEqualTypeOf<string | null>();
    expectTypeOf(useFlow).returns.toHaveProperty('version').toEqualTypeOf<number | null>();
    for (const move of ['next', 'back', 'skip', 'complete', 'dismiss', 'restart'] as const) {
      expectTypeOf(useFlow)
        .returns.toHaveProperty(move)
        .returns.toEqualTypeOf<Promise<GroupKitOutcome<FlowProgress>>>();
    }
  });
});

describe('the provider', () => {
  it('takes a key and optional user and account group', () => {
    type Props = ComponentProps<typeof GroupKitProvider>;
    expectTypeOf<Props['apiKey']>().toEqualTypeOf<string>();
    expectTypeOf<Props['userId']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Props['groupId']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Props['flowVersions']>().toEqualTypeOf<
      Readonly<Record<string, number>> | undefined
    >();
    expectTypeOf<Props['onError']>().toMatchTypeOf<
      ((error: GroupKitError, context: never) => void) | undefined
    >();
    // Every error reported is a GroupKitError: `code` can be read without a cast.
    expectTypeOf<Parameters<NonNullable<Props['onError']>>[0]>().toEqualTypeOf<GroupKitError>();
    expectTypeOf(useGroupKit)
      .returns.toHaveProperty('status')
      .toEqualTypeOf<'loading' | 'ready' | 'error'>();
  });
});
