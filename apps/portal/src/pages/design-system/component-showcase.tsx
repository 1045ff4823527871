import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROUTES } from '../../routing/routes';
import { Button, Dialog, DialogTrigger, Link, showToast, Tab, TabList, TabPanel, Tabs } from '../../ui';
import { Section } from './section';
import { ProblemFormDemo } from './problem-form-demo';

/** Interactive components: buttons, links, form, dialog, tabs, toast, typography. */
export function ComponentShowcase() {
  const { t } = useTranslation();
  const [pending, setPending] = useState(false);
  return (
    <>
      <Section id="ds-typography" title={t('designSystem.typography.title')}>
        <p className="ds-sample">{t('designSystem.typography.sample')}</p>
      </Section>

      <Section id="ds-buttons" title={t('designSystem.buttons.title')}>
        <div className="ds-row">
          <Button>{t('designSystem.buttons.primary')}</Button>
          <Button variant="secondary">{t('designSystem.buttons.secondary')}</Button>
          <Button variant="quiet">{t('designSystem.buttons.quiet')}</Button>
          <Button variant="secondary" isPending={pending} onPress={() => setPending(true)}>
            {pending ? t('designSystem.buttons.pending') : t('designSystem.buttons.showPending')}
          </Button>
        </div>
      </Section>

      <Section id="ds-links" title={t('designSystem.links.title')}>
        <div className="ds-row">
          <Link href={ROUTES.home}>{t('designSystem.links.inline')}</Link>
          <Link href={ROUTES.settings} variant="button-secondary">
            {t('designSystem.links.button')}
          </Link>
        </div>
      </Section>

      <Section id="ds-form" title={t('designSystem.form.title')}>
        <ProblemFormDemo />
      </Section>

      <Section id="ds-dialog" title={t('designSystem.dialog.title')}>
        <DialogTrigger>
          <Button variant="secondary">{t('designSystem.dialog.open')}</Button>
          <Dialog
            title={t('designSystem.dialog.heading')}
            actions={(close) => <Button onPress={close}>{t('designSystem.dialog.confirm')}</Button>}
          >
            <p>{t('designSystem.dialog.body')}</p>
          </Dialog>
        </DialogTrigger>
      </Section>

      <Section id="ds-tabs" title={t('designSystem.tabs.title')}>
        <Tabs>
          <TabList aria-label={t('designSystem.tabs.title')}>
            <Tab id="overview">{t('designSystem.tabs.overview')}</Tab>
            <Tab id="lessons">{t('designSystem.tabs.lessons')}</Tab>
            <Tab id="reviews">{t('designSystem.tabs.reviews')}</Tab>
          </TabList>
          <TabPanel id="overview">{t('designSystem.tabs.overviewBody')}</TabPanel>
          <TabPanel id="lessons">{t('designSystem.tabs.lessonsBody')}</TabPanel>
          <TabPanel id="reviews">{t('designSystem.tabs.reviewsBody')}</TabPanel>
        </Tabs>
      </Section>

      <Section id="ds-toast" title={t('designSystem.toast.title')}>
        <Button variant="secondary" onPress={() => showToast({ title: t('designSystem.toast.message'), variant: 'success' })}>
          {t('designSystem.toast.show')}
        </Button>
      </Section>
    </>
  );
}
