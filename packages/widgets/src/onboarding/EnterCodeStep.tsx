'use client';
import { JoinGroupCodeForm, type JoinGroupCodeFormProps } from '../JoinGroupCodeForm';
import { StepText, useOnboarding } from './context';
import type { BuiltInStepProps } from './flowSteps';

export interface EnterCodeStepProps
  extends Omit<BuiltInStepProps, 'children'>, Omit<JoinGroupCodeFormProps, 'autoFocus'> {}

/**
 * An optional step to redeem an invite code (`JoinGroupCodeForm`; its props pass through).
 * Defaults: `id="code"`, title "Have an invite code?", `optional`.
 * @example <EnterCodeStep gate={{ exclude: ['beta'] }} group="beta" />
 */
export const EnterCodeStep = /* @__PURE__ */ Object.assign(
  function EnterCodeStep({
    id: _id,
    title: _title,
    optional: _optional,
    gate: _gate,
    ...form
  }: EnterCodeStepProps) {
    const { t, unstyled } = useOnboarding('EnterCodeStep');
    return (
      <>
        <p>{t.codeBody}</p>
        <JoinGroupCodeForm unstyled={unstyled} {...form} />
      </>
    );
  },
  { step: { id: 'code', title: <StepText name="codeTitle" />, optional: true } },
);
