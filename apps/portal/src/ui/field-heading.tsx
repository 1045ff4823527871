import { Label, Text } from 'react-aria-components';

/**
 * The label and optional hint every field starts with, in that order so the hint is read before
 * typing. Rendered inside a react-aria field, which wires both to the control through context.
 */
export function FieldHeading({ label, description }: { label: string; description?: string }) {
  return (
    <>
      <Label className="ui-field__label">{label}</Label>
      {description && (
        <Text slot="description" className="ui-field__description">
          {description}
        </Text>
      )}
    </>
  );
}
