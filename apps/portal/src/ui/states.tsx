import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, NetworkError } from '../api/errors';
import './button.css';
import './states.css';

type HeadingLevel = 2 | 3;

function Title({ level, children }: { level: HeadingLevel; children: ReactNode }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return <Heading className="ui-state__title">{children}</Heading>;
}

export interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  /** A next step (a link or button), so an empty screen is never a dead end. */
  action?: ReactNode;
  headingLevel?: HeadingLevel;
}

export function EmptyState({ title, children, action, headingLevel = 2 }: EmptyStateProps) {
  return (
    <div className="ui-state">
      <Title level={headingLevel}>{title}</Title>
      {children && <div className="ui-state__body">{children}</div>}
      {action && <div className="ui-state__action">{action}</div>}
    </div>
  );
}

export interface LoadingStateProps {
  label: string;
  /**
   * Announce the label (role=status). Turn off where a page already has a status line saying
   * the same, so screen readers don't hear it twice: then only the decorative placeholders show.
   */
  announce?: boolean;
  /** Placeholder blocks in the shape of what is coming (reserves space, less layout shift). */
  placeholders?: number;
}

export function LoadingState({ label, announce = true, placeholders = 0 }: LoadingStateProps) {
  return (
    <div className="ui-state ui-state--loading" aria-busy="true">
      {announce && (
        <p className="ui-state__loading" role="status">
          <span className="ui-spinner" aria-hidden="true" />
          {label}
        </p>
      )}
      {placeholders > 0 && (
        <div className="ui-skeletons" aria-hidden="true">
          {Array.from({ length: placeholders }, (_, i) => (
            <div key={i} className="ui-skeleton" />
          ))}
        </div>
      )}
    </div>
  );
}

export interface ErrorStateProps {
  /** What failed, in the page's words ("Couldn't load the courses"). */
  title: string;
  error: unknown;
  onRetry?: () => void;
  retrying?: boolean;
  headingLevel?: HeadingLevel;
}

/**
 * role=alert, read out as soon as it appears. Shows the API's problem title when there is one
 * (already in the learner's language, marked with its Content-Language), else offline or
 * generic wording; never raw server text. The request id lets support find the log line.
 */
export function ErrorState({ title, error, onRetry, retrying = false, headingLevel = 2 }: ErrorStateProps) {
  const { t } = useTranslation();
  const problem = error instanceof ApiError ? error.problem : null;
  return (
    <div className="ui-state ui-state--error" role="alert">
      <Title level={headingLevel}>{title}</Title>
      {problem ? (
        <p lang={error instanceof ApiError ? (error.language ?? undefined) : undefined}>{problem.title}</p>
      ) : (
        <p>{error instanceof NetworkError ? t('errors.offline') : t('errors.generic')}</p>
      )}
      {problem?.requestId && <p className="ui-state__reference">{t('errors.reference', { id: problem.requestId })}</p>}
      {onRetry && (
        <div className="ui-state__action">
          {/*
            A native button in the design system's style (RAC's Button would pull react-aria-components
            into the start page). While retrying it keeps focus and says it is loading, like Button's
            isPending; the caller ignores presses meanwhile.
          */}
          <button
            type="button"
            className="ui-button ui-button--primary"
            data-pending={retrying || undefined}
            onClick={onRetry}
          >
            {retrying && <span role="progressbar" aria-label={t('ui.loading')} className="ui-spinner" />}
            <span className="ui-button__label">{t('errors.retry')}</span>
          </button>
        </div>
      )}
    </div>
  );
}
