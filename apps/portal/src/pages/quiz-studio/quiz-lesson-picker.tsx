import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, ErrorState, Link, TextField } from '../../ui';
import { NativeSelect } from './quiz-settings';
import { quizKeys, quizStudioHref, useQuizStudioApi } from './quiz-studio-common';
import { useQuizStudioTranslation } from './quiz-studio-i18n';

/**
 * The content of a `quiz` lesson in the studio's lesson editor: choose one of the course's
 * quizzes, or create one by its title (its settings and questions are edited in the quiz studio).
 */
export function QuizLessonPicker({ courseId, quizId, onChange, invalid = false }: { courseId: string; quizId: string | null; onChange: (quizId: string | null) => void; invalid?: boolean }) {
  const { t } = useQuizStudioTranslation();
  const api = useQuizStudioApi();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const quizzes = useQuery({ queryKey: quizKeys.quizzes(courseId), queryFn: ({ signal }) => api.quizzes(courseId, signal) });
  const create = useMutation({
    mutationFn: () => api.createQuiz(courseId, { title: title.trim() }),
    onSuccess: async (quiz) => {
      setTitle('');
      await queryClient.invalidateQueries({ queryKey: quizKeys.quizzes(courseId) });
      onChange(quiz.id);
    },
  });
  return (
    <fieldset className="studio-fieldset">
      <legend className="ui-field__label">{t('lessonPicker.legend')}</legend>
      {quizzes.isError ? (
        <ErrorState title={t('quizzes.loadFailed')} error={quizzes.error} onRetry={() => void quizzes.refetch()} retrying={quizzes.isFetching} headingLevel={3} />
      ) : (
        <NativeSelect
          label={t('lessonPicker.choose')}
          value={quizId ?? ''}
          onChange={(value) => onChange(value || null)}
          options={[{ id: '', label: t('lessonPicker.none') }, ...(quizzes.data ?? []).map((q) => ({ id: q.id, label: q.title }))]}
        />
      )}
      {invalid && <p className="ui-field__error">{t('lessonPicker.required')}</p>}
      {quizId && (
        <p>
          <Link href={quizStudioHref(courseId, { tab: 'quizzes', quiz: quizId })}>{t('lessonPicker.editSettings')}</Link>
        </p>
      )}
      <div className="quiz-inline-fields">
        <TextField label={t('lessonPicker.newTitle')} value={title} onChange={setTitle} />
        <Button variant="secondary" isDisabled={!title.trim()} isPending={create.isPending} onPress={() => create.mutate()}>
          {t('lessonPicker.create')}
        </Button>
      </div>
      {create.isError && <ErrorState title={t('lessonPicker.createFailed')} error={create.error} headingLevel={3} />}
      <p>
        <Link href={quizStudioHref(courseId)}>{t('lessonPicker.openStudio')}</Link>
      </p>
    </fieldset>
  );
}
