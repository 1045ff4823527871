import { useEffect, useRef, useState } from 'react';
import { useQuizTranslation } from './quiz-i18n';

/** Seconds left at which a polite announcement is made (and only then). */
export const TIMER_ANNOUNCEMENTS = [300, 60] as const;

/**
 * Seconds left by the server's clock: `offsetMs` is how far this device's clock is behind the
 * server's (measured when the attempt arrived), so a phone whose clock is 3 minutes fast does not
 * end the attempt 3 minutes early.
 */
export const secondsLeft = (deadlineAt: string, offsetMs: number, now = Date.now()) =>
  Math.max(0, Math.ceil((Date.parse(deadlineAt) - (now + offsetMs)) / 1000));

/** 1:05:09, 4:05, 0:09: numerals only, read the same in every language. */
export function formatClock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

export interface QuizTimerProps {
  deadlineAt: string;
  offsetMs: number;
  /** Called once when the time is up. */
  onExpire: () => void;
}

/**
 * The visible countdown. role=timer is aria-live off by default: a screen reader can read it any
 * time but is not interrupted every second. Two polite announcements, at 5 and 1 minute left, go
 * to a separate status line.
 */
export function QuizTimer({ deadlineAt, offsetMs, onExpire }: QuizTimerProps) {
  const { t } = useQuizTranslation();
  const [left, setLeft] = useState(() => secondsLeft(deadlineAt, offsetMs));
  const [announcement, setAnnouncement] = useState('');
  const announced = useRef(new Set<number>(TIMER_ANNOUNCEMENTS.filter((mark) => left <= mark)));
  const expired = useRef(false);
  const expire = useRef(onExpire);
  expire.current = onExpire;

  useEffect(() => {
    const tick = () => {
      const now = secondsLeft(deadlineAt, offsetMs);
      setLeft(now);
      for (const mark of TIMER_ANNOUNCEMENTS) {
        if (now <= mark && now > 0 && !announced.current.has(mark)) {
          announced.current.add(mark);
          setAnnouncement(t('timer.announce', { count: mark / 60 }));
        }
      }
      if (now === 0 && !expired.current) {
        expired.current = true;
        setAnnouncement(t('timer.expired'));
        expire.current();
      }
    };
    tick();
    const id = setInterval(tick, 1000);
    return () => clearInterval(id);
  }, [deadlineAt, offsetMs, t]);

  const low = left <= 60;
  return (
    <div className={low ? 'quiz-timer quiz-timer--low' : 'quiz-timer'}>
      <span className="quiz-timer__label" id="quiz-timer-label">
        {t('timer.label')}
      </span>
      <span role="timer" aria-live="off" aria-labelledby="quiz-timer-label" className="quiz-timer__value">
        <span aria-hidden="true">{formatClock(left)}</span>
        {/* Read on demand as words ("4 minutes 5 seconds"), not as a clock face. */}
        <span className="visually-hidden">{t('timer.spoken', { minutes: Math.floor(left / 60), seconds: left % 60 })}</span>
      </span>
      <span role="status" aria-live="polite" className="visually-hidden">
        {announcement}
      </span>
    </div>
  );
}
