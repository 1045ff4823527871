import { toLearnerView, type Question } from '@baanrian/contracts';
import { formatNumber } from '../../i18n/format';
import { currentLocale } from '../../i18n/i18n';
import { mediaUrl } from '../studio/studio-api';
import { useQuizStudioTranslation } from './quiz-studio-i18n';

/**
 * What a learner receives for this question: rendered from toLearnerView (the same function the
 * API uses), so whatever the preview shows is all a learner can see before the results policy
 * allows more. Read-only: nothing in it takes focus.
 */
export function QuestionPreview({ question }: { question: Question }) {
  const { t, i18n } = useQuizStudioTranslation();
  const locale = currentLocale(i18n);
  const view = toLearnerView(question);
  return (
    <section className="quiz-preview" aria-labelledby="quiz-preview-heading">
      <h3 id="quiz-preview-heading">{t('preview.heading')}</h3>
      <p className="studio-hint">{t('preview.hint')}</p>
      <div className="quiz-preview__card">
        <p className="quiz-preview__points">{t('preview.points', { count: view.points, points: formatNumber(view.points, locale) })}</p>
        <p className="quiz-preview__stem">{view.stem.text || <span className="studio-hint">{t('preview.noStem')}</span>}</p>
        {view.media?.mediaId &&
          (view.media.kind === 'image' ? (
            <img className="quiz-preview__image" src={mediaUrl(view.media.mediaId)} alt={view.media.alt ?? ''} />
          ) : (
            <figure className="quiz-preview__audio">
              <audio controls preload="none" src={mediaUrl(view.media.mediaId)} aria-label={t('preview.audio')} />
              {view.media.alt && <figcaption>{view.media.alt}</figcaption>}
            </figure>
          ))}
        {(view.type === 'single_choice' || view.type === 'multiple_choice') && (
          <ul className="quiz-preview__options">
            {view.options.map((o) => (
              <li key={o.id}>
                <span aria-hidden="true" className="quiz-preview__mark">
                  {view.type === 'single_choice' ? '○' : '☐'}
                </span>{' '}
                {o.text.text}
              </li>
            ))}
          </ul>
        )}
        {view.type === 'true_false' && (
          <ul className="quiz-preview__options">
            <li>{t('editor.true')}</li>
            <li>{t('editor.false')}</li>
          </ul>
        )}
        {(view.type === 'short_text' || view.type === 'numeric' || view.type === 'essay') && (
          <p className="quiz-preview__blank">{t(`preview.answerBox.${view.type}`)}</p>
        )}
        {view.type === 'ordering' && (
          <>
            <p className="studio-hint">{t('preview.orderingHint')}</p>
            <ul className="quiz-preview__options">
              {view.items.map((item) => (
                <li key={item.id}>{item.text.text}</li>
              ))}
            </ul>
          </>
        )}
        {view.type === 'matching' && (
          <dl className="quiz-preview__matching">
            {view.prompts.map((p) => (
              <div key={p.id}>
                <dt>{p.text.text}</dt>
                <dd>{t('preview.chooseFrom', { choices: view.choices.join(' · ') })}</dd>
              </div>
            ))}
          </dl>
        )}
      </div>
    </section>
  );
}
