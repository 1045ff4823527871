import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { LOCALES, TARGET_GROUPS, type Locale, type TargetGroup } from '@baanrian/contracts';
import { useSubmit } from '../../forms/use-submit';
import { formatDate, isoDate } from '../../i18n/format';
import { currentLocale, LOCALE_ENDONYMS } from '../../i18n/i18n';
import { Button, ErrorState, RadioGroup, TextField } from '../../ui';
import type { WalkInBody, WalkInResultDto } from './teaching-api';
import { teachingKeys, useTeachingApi } from './teaching-common';
import { useTeachingTranslation } from './teaching-i18n';
import '../admin/sign-in-card.css';

const optional = (value: FormDataEntryValue | null) => {
  const text = String(value ?? '').trim();
  return text === '' ? undefined : text;
};

/**
 * At the door: a person who never registered gets an account without e-mail, an on-site enrolment
 * and "present" in one step. The slip with the account code and PIN is theirs to keep (printable),
 * so they can sign in or claim the history into their own account later.
 */
export function WalkInForm({ lessonId }: { lessonId: string }) {
  const { t } = useTeachingTranslation();
  const { t: tc } = useTranslation();
  const api = useTeachingApi();
  const queryClient = useQueryClient();
  const [group, setGroup] = useState<TargetGroup | null>(null);
  const [language, setLanguage] = useState<Locale>('th');
  const [groupError, setGroupError] = useState(false);
  const [result, setResult] = useState<{ name: string; walkIn: WalkInResultDto } | null>(null);
  const { errors, formError, pending, run } = useSubmit();

  if (result) {
    return (
      <WalkInSlip
        name={result.name}
        walkIn={result.walkIn}
        onNext={() => {
          setResult(null);
          setGroup(null);
          setLanguage('th');
        }}
      />
    );
  }

  return (
    <Form
      className="teaching-form"
      validationErrors={errors}
      aria-labelledby="teaching-walk-in-heading"
      onSubmit={(event) => {
        event.preventDefault();
        if (!group) {
          setGroupError(true);
          return;
        }
        const data = new FormData(event.currentTarget);
        const body: WalkInBody = {
          displayName: String(data.get('displayName') ?? '').trim(),
          targetGroup: group,
          preferredLocale: language,
          province: optional(data.get('province')),
          district: optional(data.get('district')),
          phone: optional(data.get('phone')),
        };
        void run(async () => {
          const walkIn = await api.addWalkIn(lessonId, Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as WalkInBody);
          setResult({ name: body.displayName, walkIn });
          await queryClient.invalidateQueries({ queryKey: teachingKeys.attendance(lessonId) });
          await queryClient.invalidateQueries({ queryKey: [...teachingKeys.all, 'sessions'] });
        });
      }}
    >
      <h2 id="teaching-walk-in-heading">{t('walkIn.heading')}</h2>
      <p>{t('walkIn.intro')}</p>
      <TextField
        name="displayName"
        label={t('walkIn.name')}
        isRequired
        autoComplete="off"
        errorMessage={(v) => (v.isInvalid && v.validationDetails.valueMissing ? t('common.required') : v.validationErrors.join(' '))}
      />
      <RadioGroup
        label={t('walkIn.group')}
        value={group}
        // Checked on submit below (a native `required` would block the submit with no message here).
        aria-required="true"
        isInvalid={groupError}
        aria-describedby={groupError ? 'teaching-walk-in-group-error' : undefined}
        onChange={(value) => {
          setGroupError(false);
          setGroup(value as TargetGroup);
        }}
        options={TARGET_GROUPS.map((g) => ({ id: g, label: tc(`targetGroup.${g}`) }))}
      />
      {groupError && (
        <p id="teaching-walk-in-group-error" className="ui-field__error" role="alert">
          {t('walkIn.groupRequired')}
        </p>
      )}
      <RadioGroup
        label={t('walkIn.language')}
        orientation="horizontal"
        value={language}
        onChange={(value) => setLanguage(value as Locale)}
        options={LOCALES.map((l) => ({ id: l, label: LOCALE_ENDONYMS[l], lang: l }))}
      />
      <TextField name="province" label={t('walkIn.province')} description={t('common.optional')} autoComplete="off" />
      <TextField name="district" label={t('walkIn.district')} description={t('common.optional')} autoComplete="off" />
      <TextField name="phone" type="tel" inputMode="tel" label={t('walkIn.phone')} description={t('walkIn.phoneHint')} autoComplete="off" />
      {formError ? <ErrorState title={t('walkIn.failed')} error={formError} headingLevel={3} /> : null}
      <div className="teaching-actions">
        <Button type="submit" isDisabled={pending}>
          {t('walkIn.submit')}
        </Button>
      </div>
    </Form>
  );
}

/** The printable slip (the admin sign-in card's layout and print styles). */
export function WalkInSlip({ name, walkIn, onNext }: { name: string; walkIn: WalkInResultDto; onNext: () => void }) {
  const { t, i18n } = useTeachingTranslation();
  const locale = currentLocale(i18n);
  const heading = useRef<HTMLHeadingElement>(null);
  // The form is gone: focus goes to the slip's heading, which says who was added.
  useEffect(() => heading.current?.focus(), []);
  const card = walkIn.card;
  return (
    <div className="teaching-stack">
      <p role="status" className="teaching-status no-print">
        {t('walkIn.done', { name })}
      </p>
      <section className="sign-in-card teaching-slip" aria-labelledby="teaching-slip-title">
        <h2 id="teaching-slip-title" ref={heading} tabIndex={-1}>
          {t('walkIn.slipTitle', { name })}
        </h2>
        <div className="sign-in-card__body">
          {card && (
            <img
              className="sign-in-card__qr"
              src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(card.qrSvg)}`}
              alt={t('walkIn.qrAlt')}
              width={176}
              height={176}
            />
          )}
          <dl className="sign-in-card__codes">
            <dt>{t('walkIn.accountCode')}</dt>
            <dd className="sign-in-card__code">{walkIn.accountCode}</dd>
            {walkIn.pin && (
              <>
                <dt>{t('walkIn.pin')}</dt>
                <dd className="sign-in-card__code">{walkIn.pin}</dd>
              </>
            )}
            {card && (
              <>
                <dt>{t('walkIn.oneTimeCode')}</dt>
                <dd className="sign-in-card__code">{card.oneTimeCode}</dd>
                <dt>{t('walkIn.address')}</dt>
                <dd className="sign-in-card__url">{card.signInUrl}</dd>
                <dt>{t('walkIn.expires')}</dt>
                <dd>
                  <time dateTime={isoDate(card.expiresAt)}>{formatDate(card.expiresAt, locale)}</time>
                </dd>
              </>
            )}
          </dl>
        </div>
        <ol className="sign-in-card__steps">
          <li>{t('walkIn.step1')}</li>
          <li>{t('walkIn.step2')}</li>
          <li>{t('walkIn.step3')}</li>
        </ol>
      </section>
      <div className="teaching-actions no-print">
        <Button onPress={() => window.print()}>{t('walkIn.print')}</Button>
        <Button variant="secondary" onPress={onNext}>
          {t('walkIn.next')}
        </Button>
      </div>
    </div>
  );
}
