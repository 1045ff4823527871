import { useState } from 'react';
import type { TFunction } from 'i18next';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { TARGET_GROUPS } from '@baanrian/contracts';
import type { Problem } from '@baanrian/api-client';
import { useProblemFieldErrors } from '../../forms/problem-field-errors';
import { rules } from '../../forms/rules';
import { Button, Select, showToast, TextField } from '../../ui';

/** What the API would answer: a problem+json with per-field errors, in the learner's language. */
function simulatedProblem(t: TFunction): Problem {
  return {
    type: 'urn:baanrian:problem:validation-failed',
    title: t('designSystem.form.serverProblem'),
    status: 400,
    code: 'VALIDATION_FAILED',
    instance: '/api/v1/enrolments',
    errors: [
      { field: 'displayName', message: t('designSystem.form.serverName') },
      { field: 'targetGroup', message: t('designSystem.form.serverGroup') },
    ],
  };
}

/**
 * The form pattern for every screen: client-side rules shared with the API (required, target
 * group ∈ TARGET_GROUPS) on submit, then the server's field errors shown on the same fields.
 * Here the "server" always rejects the first attempt, to show the round trip.
 */
export function ProblemFormDemo({ rejectWith }: { rejectWith?: Problem }) {
  const { t } = useTranslation();
  const { errors, applyProblem, clear } = useProblemFieldErrors();
  const [pending, setPending] = useState(false);
  const [attempt, setAttempt] = useState(0);

  return (
    <Form
      className="ds-form"
      validationErrors={errors}
      onSubmit={(event) => {
        event.preventDefault();
        setPending(true);
        // A short delay stands in for the network, so the pending button can be seen.
        window.setTimeout(() => {
          setPending(false);
          setAttempt((n) => n + 1);
          if (attempt === 0) applyProblem(rejectWith ?? simulatedProblem(t));
          else {
            clear();
            showToast({ title: t('designSystem.form.sent'), variant: 'success' });
          }
        }, rejectWith ? 0 : 600);
      }}
    >
      <p className="ds-note">{t('designSystem.form.hint')}</p>
      <TextField
        name="displayName"
        label={t('designSystem.form.nameLabel')}
        description={t('designSystem.form.nameHint')}
        isRequired
        validate={rules.required(t)}
        autoComplete="name"
      />
      <Select
        name="targetGroup"
        label={t('designSystem.form.groupLabel')}
        placeholder={t('designSystem.form.groupPlaceholder')}
        isRequired
        validate={(key) => rules.targetGroup(t)(key == null ? null : String(key))}
        options={TARGET_GROUPS.map((group) => ({ id: group, label: t(`targetGroup.${group}`) }))}
      />
      <div>
        <Button type="submit" isPending={pending}>
          {t('designSystem.form.submit')}
        </Button>
      </div>
    </Form>
  );
}
