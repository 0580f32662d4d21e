/**
 * The one write shape (`GroupKitWriteState`), pinned: every write hook's result (or write
 * side) is one, and narrowing on `status` tells what `data` and `error` hold.
 */
import type {
  AccountGroup,
  FlowProgress,
  GroupKitError,
  MembershipChangeResult,
  RedeemCodeResult,
} from '@groupkit/client';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type GroupKitWriteState,
  useChangeMemberships,
  useGroup,
  useJoinGroup,
  useLeaveGroup,
  useRedeemCode,
} from '../index';
import { useFlow } from '../flows';

describe('GroupKitWriteState', () => {
  type State = GroupKitWriteState<number>;

  it('says idle, pending, success or error, with a reset', () => {
    expectTypeOf<State['status']>().toEqualTypeOf<'idle' | 'pending' | 'success' | 'error'>();
    expectTypeOf<State['isPending']>().toEqualTypeOf<boolean>();
    expectTypeOf<State['queued']>().toEqualTypeOf<boolean>();
    expectTypeOf<State['data']>().toEqualTypeOf<number | null>();
    expectTypeOf<State['error']>().toEqualTypeOf<GroupKitError | null>();
    expectTypeOf<State['reset']>().toEqualTypeOf<() => void>();
  });

  it('narrows on status: data on success, an error on error, queued only while pending', () => {
    type On<S extends State['status']> = Extract<State, { status: S }>;
    expectTypeOf<On<'idle'>>().toMatchTypeOf<{
      isPending: false;
      queued: false;
      data: null;
      error: null;
    }>();
    expectTypeOf<On<'pending'>['isPending']>().toEqualTypeOf<true>();
    expectTypeOf<On<'pending'>['queued']>().toEqualTypeOf<boolean>();
    expectTypeOf<On<'pending'>['data']>().toEqualTypeOf<null>();
    // A shared failure (join/leave) may still show while the group's next change is pending.
    expectTypeOf<On<'pending'>['error']>().toEqualTypeOf<GroupKitError | null>();
    expectTypeOf<On<'success'>['data']>().toEqualTypeOf<number>();
    expectTypeOf<On<'success'>['error']>().toEqualTypeOf<null>();
    expectTypeOf<On<'error'>['error']>().toEqualTypeOf<GroupKitError>();
    expectTypeOf<On<'error'>['data']>().toEqualTypeOf<null>();
    expectTypeOf<On<'success'>['queued'] | On<'error'>['queued']>().toEqualTypeOf<false>();
  });
});

describe('every write hook returns it', () => {
  it('join, leave and ordered changes: the state of a membership change, and the action', () => {
    type Change = GroupKitWriteState<MembershipChangeResult>;
    expectTypeOf(useJoinGroup).returns.toMatchTypeOf<Change>();
    expectTypeOf(useLeaveGroup).returns.toMatchTypeOf<Change>();
    expectTypeOf(useChangeMemberships).returns.toMatchTypeOf<Change>();
    expectTypeOf(useJoinGroup).returns.toHaveProperty('isPending').toEqualTypeOf<boolean>();
    expectTypeOf(useChangeMemberships)
      .returns.toHaveProperty('data')
      .toEqualTypeOf<MembershipChangeResult | null>();
  });

  it('code redemption: the state of a redemption, with the lockout', () => {
    expectTypeOf(useRedeemCode).returns.toMatchTypeOf<GroupKitWriteState<RedeemCodeResult>>();
    expectTypeOf(useRedeemCode).returns.toHaveProperty('retryAt').toEqualTypeOf<Date | null>();
  });

  it('data hooks that write: the write side as `writeState`, apart from their own status', () => {
    expectTypeOf(useGroup)
      .returns.toHaveProperty('writeState')
      .toEqualTypeOf<GroupKitWriteState<AccountGroup>>();
    expectTypeOf(useGroup)
      .returns.toHaveProperty('status')
      .toEqualTypeOf<'loading' | 'ready' | 'error'>();
    expectTypeOf(useFlow)
      .returns.toHaveProperty('writeState')
      .toEqualTypeOf<GroupKitWriteState<FlowProgress>>();
  });
});
