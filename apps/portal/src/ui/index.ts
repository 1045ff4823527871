/**
 * Baanrian's component library: react-aria-components underneath (keyboard, screen-reader and
 * touch behaviour), our tokens on top (src/styles.css). See /ui for every component in use.
 */
export { Button, type ButtonProps, type ButtonVariant } from './button';
export { Card, type CardProps } from './card';
export { Checkbox, type CheckboxProps } from './checkbox';
export { Dialog, DialogTrigger, type DialogProps } from './dialog';
export { Link, type LinkProps } from './link';
export { Pagination, pageWindow, type PaginationProps } from './pagination';
export { ProgressBar, type ProgressBarProps } from './progress-bar';
export { RadioGroup, type RadioGroupProps } from './radio-group';
export { Select, type SelectOption, type SelectProps } from './select';
export { EmptyState, ErrorState, LoadingState, type EmptyStateProps, type ErrorStateProps, type LoadingStateProps } from './states';
export { Switch } from './switch';
export { Tab, TabList, TabPanel, Tabs } from './tabs';
export { Cell, Column, Row, Table, TableBody, TableHeader } from './table';
export { TextField, type TextFieldProps } from './text-field';
export { ToastRegion } from './toast';
export { showToast, toastQueue, type ToastMessage } from './toast-queue';
