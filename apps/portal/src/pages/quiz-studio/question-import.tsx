import { useId, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { formatNumber } from '../../i18n/format';
import { currentLocale } from '../../i18n/i18n';
import { Button, ErrorState, RadioGroup, TextField } from '../../ui';
import { IMPORT_FORMATS, type ImportFormat, type ImportIssueDto, type ImportPreviewDto } from './quiz-studio-api';
import { quizKeys, useQuizStudioApi } from './quiz-studio-common';
import { useQuizStudioTranslation } from './quiz-studio-i18n';

/** Aiken files are usually named so; everything else is read as GIFT (the instructor can change it). */
const guessFormat = (name: string): ImportFormat => (/aiken/i.test(name) ? 'aiken' : 'gift');

/**
 * Import from GIFT or Aiken: upload or paste, see what would be imported with every problem by
 * line and column (in the reader's language), then confirm. Nothing is saved before the confirm.
 */
export function QuestionImport({ courseId }: { courseId: string }) {
  const { t, i18n } = useQuizStudioTranslation();
  const locale = currentLocale(i18n);
  const api = useQuizStudioApi();
  const queryClient = useQueryClient();
  const fileId = useId();
  const [format, setFormat] = useState<ImportFormat>('gift');
  const [text, setText] = useState('');
  const [filename, setFilename] = useState<string | undefined>();
  const [preview, setPreview] = useState<ImportPreviewDto | null>(null);
  const [result, setResult] = useState<string | null>(null);

  const check = useMutation({
    mutationFn: () => api.previewImport(courseId, format, text, filename),
    onSuccess: (data) => setPreview(data),
  });
  const confirm = useMutation({
    mutationFn: () => api.confirmImport(courseId, format, text, filename),
    onSuccess: async (data) => {
      setResult(t('import.done', { count: data.imported, n: formatNumber(data.imported, locale), categories: formatNumber(data.categoriesCreated, locale) }));
      setPreview(null);
      setText('');
      setFilename(undefined);
      await queryClient.invalidateQueries({ queryKey: quizKeys.questionsOf(courseId) });
      await queryClient.invalidateQueries({ queryKey: quizKeys.categories(courseId) });
    },
  });

  const changed = () => {
    setPreview(null);
    setResult(null);
    check.reset();
    confirm.reset();
  };

  const errors = preview?.issues.filter((i) => i.severity === 'error') ?? [];
  const warnings = preview?.issues.filter((i) => i.severity !== 'error') ?? [];

  return (
    <div className="studio-section">
      <h2>{t('import.heading')}</h2>
      <p className="studio-hint">{t('import.hint')}</p>
      <div className="studio-upload">
        <label htmlFor={fileId} className="ui-field__label">
          {t('import.file')}
        </label>
        <input
          id={fileId}
          type="file"
          accept=".txt,.gift,text/plain"
          className="studio-upload__input"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (!file) return;
            void file.text().then((content) => {
              setText(content);
              setFilename(file.name);
              setFormat(guessFormat(file.name));
              changed();
            });
          }}
        />
      </div>
      <RadioGroup
        label={t('import.format')}
        orientation="horizontal"
        value={format}
        onChange={(value) => {
          setFormat(value as ImportFormat);
          changed();
        }}
        options={IMPORT_FORMATS.map((f) => ({ id: f, label: t(`import.formats.${f}`) }))}
      />
      <TextField
        label={t('import.paste')}
        description={t('import.pasteHint')}
        value={text}
        onChange={(value) => {
          setText(value);
          setFilename(undefined);
          changed();
        }}
        multiline
        className="ui-field quiz-import__text"
      />
      <div className="studio-actions">
        <Button isDisabled={!text.trim()} isPending={check.isPending} onPress={() => check.mutate()}>
          {t('import.check')}
        </Button>
      </div>
      {check.isError && <ErrorState title={t('import.checkFailed')} error={check.error} headingLevel={3} />}
      {result && (
        <p role="status" className="quiz-success">
          {result}
        </p>
      )}
      {preview && (
        <section className="studio-section" aria-labelledby="quiz-import-preview">
          <h3 id="quiz-import-preview">{t('import.previewHeading')}</h3>
          <p role="status">
            {t('import.summary', {
              count: preview.importable,
              n: formatNumber(preview.importable, locale),
              errors: formatNumber(errors.length, locale),
              warnings: formatNumber(warnings.length, locale),
            })}
          </p>
          {errors.length > 0 && <IssueList title={t('import.errors')} issues={errors} />}
          {warnings.length > 0 && <IssueList title={t('import.warnings')} issues={warnings} />}
          {preview.questions.length > 0 && (
            <details className="quiz-import__questions">
              <summary>{t('import.questionsList', { count: preview.questions.length })}</summary>
              <ol>
                {preview.questions.map((q) => (
                  <li key={`${q.line}-${q.stemPreview}`}>
                    {/* line: best effort, null when the parser could not place the question */}
                    {q.line !== null && `${t('import.at', { line: formatNumber(q.line, locale, { useGrouping: false }) })} · `}
                    {t(`type.${q.type}`)} · {q.name || q.stemPreview}
                    {q.categoryPath && ` · ${q.categoryPath}`}
                  </li>
                ))}
              </ol>
            </details>
          )}
          <div className="studio-actions">
            <Button isDisabled={preview.importable === 0} isPending={confirm.isPending} onPress={() => confirm.mutate()}>
              {t('import.confirm', { count: preview.importable, n: formatNumber(preview.importable, locale) })}
            </Button>
            <Button variant="secondary" onPress={changed}>
              {t('import.cancel')}
            </Button>
          </div>
          {errors.length > 0 && preview.importable > 0 && <p className="studio-hint">{t('import.skipHint')}</p>}
          {confirm.isError && <ErrorState title={t('import.importFailed')} error={confirm.error} headingLevel={3} />}
        </section>
      )}
    </div>
  );
}

function IssueList({ title, issues }: { title: string; issues: ImportIssueDto[] }) {
  const { t, i18n } = useQuizStudioTranslation();
  const locale = currentLocale(i18n);
  const n = (value: number) => formatNumber(value, locale, { useGrouping: false });
  return (
    <div>
      <h4>{title}</h4>
      <ul className="quiz-issues">
        {issues.map((issue, index) => (
          <li key={index}>
            <strong>{t('import.where', { line: n(issue.line), column: n(issue.column) })}</strong>{' '}
            {t(`importIssue.${issue.code}`, { defaultValue: issue.message })}
          </li>
        ))}
      </ul>
    </div>
  );
}
