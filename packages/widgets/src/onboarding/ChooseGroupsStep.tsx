'use client';
import { GroupDirectory, type GroupDirectoryProps } from '../GroupDirectory';
import { StepText, useOnboarding } from './context';
import type { BuiltInStepProps } from './flowSteps';

export interface ChooseGroupsStepProps
  extends Omit<BuiltInStepProps, 'children'>, Omit<GroupDirectoryProps, 'headingLevel'> {}

/**
 * A step with the group directory (`GroupDirectory`; its props pass through), to join open
 * groups or redeem a group's code. Defaults: `id="groups"`, title "Choose your groups".
 * @example <ChooseGroupsStep includeScheduled />
 */
export const ChooseGroupsStep = /* @__PURE__ */ Object.assign(
  function ChooseGroupsStep({
    id: _id,
    title: _title,
    optional: _optional,
    gate: _gate,
    ...directory
  }: ChooseGroupsStepProps) {
    const { t, headingLevel, unstyled } = useOnboarding('ChooseGroupsStep');
    return (
      <>
        <p>{t.chooseBody}</p>
        <GroupDirectory
          unstyled={unstyled}
          {...directory}
          headingLevel={Math.min(headingLevel + 1, 6) as 3 | 4 | 5 | 6}
        />
      </>
    );
  },
  { step: { id: 'groups', title: <StepText name="chooseTitle" /> } },
);
