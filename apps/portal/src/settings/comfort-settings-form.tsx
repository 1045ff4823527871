import { useTranslation } from 'react-i18next';
import { Button, RadioGroup, Switch } from '../ui';
import { isTextSize, TEXT_SIZES } from './comfort-settings';
import { useComfortSettings } from './comfort-settings-context';
import './comfort-settings-form.css';

/** The controls, shared by the header dialog and the settings page. Changes apply immediately. */
export function ComfortSettingsForm() {
  const { t } = useTranslation();
  const [settings, store] = useComfortSettings();
  return (
    <div className="comfort-form">
      <RadioGroup
        label={t('settings.textSize')}
        description={t('settings.textSizeHint')}
        orientation="horizontal"
        value={String(settings.textSize)}
        onChange={(value) => {
          const size = Number(value);
          if (isTextSize(size)) store.set({ textSize: size });
        }}
        // Each option previews its own size, so the choice can be made by eye.
        options={TEXT_SIZES.map((size) => ({
          id: String(size),
          label: t('settings.textSizeOption', { percent: size }),
          style: { fontSize: `${size / settings.textSize}em` },
        }))}
      />
      <Switch isSelected={settings.highContrast} onChange={(highContrast) => store.set({ highContrast })}>
        {t('settings.highContrast')}
      </Switch>
      <Switch isSelected={settings.reducedMotion} onChange={(reducedMotion) => store.set({ reducedMotion })}>
        {t('settings.reducedMotion')}
      </Switch>
      <div>
        <Button variant="quiet" onPress={() => store.reset()}>
          {t('settings.reset')}
        </Button>
      </div>
    </div>
  );
}
