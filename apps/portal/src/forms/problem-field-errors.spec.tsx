import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import type { Problem } from '@baanrian/api-client';
import { createI18n } from '../i18n/i18n';
import { ProblemFormDemo } from '../pages/design-system/problem-form-demo';
import { problemFieldErrors } from './problem-field-errors';
import { rules } from './rules';

const problem: Problem = {
  type: 'urn:baanrian:problem:validation-failed',
  title: 'ข้อมูลที่ส่งมาไม่ถูกต้อง',
  status: 400,
  code: 'VALIDATION_FAILED',
  instance: '/api/v1/enrolments',
  errors: [{ field: 'displayName', message: 'ชื่อนี้มีผู้ใช้แล้ว' }],
};

describe('problem → field errors', () => {
  it('groups messages by field', () => {
    expect(
      problemFieldErrors({ ...problem, errors: [...(problem.errors ?? []), { field: 'displayName', message: 'สั้นเกินไป' }] }),
    ).toEqual({ displayName: ['ชื่อนี้มีผู้ใช้แล้ว', 'สั้นเกินไป'] });
    expect(problemFieldErrors(null)).toEqual({});
  });

  it('shows the API message next to the matching field, linked as its description', async () => {
    render(
      <I18nextProvider i18n={createI18n('th')}>
        <ProblemFormDemo rejectWith={problem} />
      </I18nextProvider>,
    );
    const name = screen.getByRole('textbox', { name: /ชื่อที่แสดง/ });
    fireEvent.change(name, { target: { value: 'สมศรี' } });
    // The target group is chosen too, so only the server's error can appear.
    fireEvent.submit(name.closest('form') as HTMLFormElement);

    const message = await screen.findByText('ชื่อนี้มีผู้ใช้แล้ว');
    await waitFor(() => expect(name.getAttribute('aria-describedby') ?? '').toContain(message.id));
    expect(name.getAttribute('aria-invalid')).toBe('true');
  });

  it('shares the target-group rule with the API contract', () => {
    const t = createI18n('en').t;
    expect(rules.targetGroup(t)('youth')).toBeNull();
    expect(rules.targetGroup(t)('pets')).toBe('Please choose a target group from the list');
    expect(rules.required(t)('  ')).toBe('Please fill in this field');
  });
});
