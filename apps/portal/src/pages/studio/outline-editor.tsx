import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { useSubmit } from '../../forms/use-submit';
import { Button, Dialog, EmptyState, ErrorState, TextField } from '../../ui';
import { LessonEditor } from './lesson-editor';
import { dropLesson, findLesson, moveLesson, moveModule, outlineBody, type Outline } from './outline-order';
import { studioKeys, useStudioApi } from './studio-common';
import { isConflict, type StudioCourseDto, type StudioLessonDto, type StudioModuleDto } from './studio-api';
import { useStudioTranslation } from './studio-i18n';

type Editing = { moduleId: string; lesson: StudioLessonDto | null } | null;
type Confirm = { kind: 'module'; module: StudioModuleDto } | { kind: 'lesson'; lesson: StudioLessonDto } | null;

const LESSON_MIME = 'application/x-baanrian-lesson';

/**
 * Modules and their lessons. Order changes by drag and drop (lessons) or by the move buttons
 * (keyboard and touch, lessons and modules); each change is saved at once through PUT outline
 * and announced in a live region.
 */
export function OutlineEditor({ course }: { course: StudioCourseDto }) {
  const { t } = useStudioTranslation();
  const api = useStudioApi();
  const queryClient = useQueryClient();
  const key = studioKeys.course(course.id);
  const [announcement, setAnnouncement] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const focusAfter = useRef<string | null>(null);
  const { formError, pending, run, clearError } = useSubmit();
  const [conflict, setConflict] = useState(false);
  const outline = course.modules;

  // A moved item may be re-created in another module: put focus back on its button.
  useEffect(() => {
    const selector = focusAfter.current;
    if (!selector) return;
    focusAfter.current = null;
    const target = document.querySelector<HTMLElement>(selector);
    target?.focus();
  });

  const refresh = () => queryClient.invalidateQueries({ queryKey: key });

  const saveOrder = (next: Outline, message: string) => {
    const previous = course;
    queryClient.setQueryData<StudioCourseDto>(key, { ...course, modules: next });
    setAnnouncement(message);
    void run(async () => {
      try {
        const updated = await api.reorderOutline(course.id, outlineBody(next, course.draftRevision));
        queryClient.setQueryData(key, updated);
      } catch (error) {
        queryClient.setQueryData(key, previous);
        setAnnouncement(t('outline.orderNotSaved'));
        if (isConflict(error)) setConflict(true);
        throw error;
      }
    });
  };

  const lessonMessage = (next: Outline, lessonId: string) => {
    const place = findLesson(next, lessonId);
    if (!place) return '';
    const module = next[place.moduleIndex];
    return t('outline.lessonMoved', {
      title: module.lessons[place.lessonIndex].title,
      position: place.lessonIndex + 1,
      count: module.lessons.length,
      module: module.title,
    });
  };

  // Move buttons are never disabled while a save is in flight (a disabled button drops focus, and
  // the keyboard user with it); presses meanwhile are ignored instead.
  const onMoveLesson = (lesson: StudioLessonDto, direction: -1 | 1) => {
    if (pending) return;
    const next = moveLesson(outline, lesson.id, direction);
    if (!next) return;
    const place = findLesson(next, lesson.id);
    const atEdge = place && ((direction < 0 && place.lessonIndex === 0 && place.moduleIndex === 0) || (direction > 0 && place.moduleIndex === next.length - 1 && place.lessonIndex === next[place.moduleIndex].lessons.length - 1));
    focusAfter.current = `[data-move="${lesson.id}:${atEdge ? -direction : direction}"]`;
    saveOrder(next, lessonMessage(next, lesson.id));
  };

  const onMoveModule = (module: StudioModuleDto, direction: -1 | 1) => {
    if (pending) return;
    const next = moveModule(outline, module.id, direction);
    if (!next) return;
    const index = next.findIndex((m) => m.id === module.id);
    const atEdge = index === 0 || index === next.length - 1;
    focusAfter.current = `[data-move="${module.id}:${atEdge ? -direction : direction}"]`;
    saveOrder(next, t('outline.moduleMoved', { title: module.title, position: index + 1, count: next.length }));
  };

  const onDrop = (event: DragEvent, moduleId: string, beforeLessonId: string | null) => {
    const lessonId = event.dataTransfer.getData(LESSON_MIME) || dragging;
    setDragging(null);
    if (!lessonId) return;
    event.preventDefault();
    event.stopPropagation();
    const next = dropLesson(outline, lessonId, moduleId, beforeLessonId);
    if (next) saveOrder(next, lessonMessage(next, lessonId));
  };

  const remove = () => {
    if (!confirm) return;
    const target = confirm;
    setConfirm(null);
    void run(async () => {
      if (target.kind === 'module') await api.deleteModule(target.module.id);
      else await api.deleteLesson(target.lesson.id);
      setAnnouncement(t('outline.deleted', { title: target.kind === 'module' ? target.module.title : target.lesson.title }));
      await refresh();
    });
  };

  return (
    <div className="studio-outline">
      <p className="studio-hint">{t('outline.hint')}</p>
      <p role="status" aria-live="polite" className="studio-announcer">
        {announcement}
      </p>
      {conflict && (
        <div className="studio-conflict" role="alert">
          <p>{t('outline.conflict')}</p>
          <Button
            variant="secondary"
            onPress={() => {
              setConflict(false);
              clearError();
              void refresh();
            }}
          >
            {t('outline.reload')}
          </Button>
        </div>
      )}
      {formError && !conflict ? <ErrorState title={t('outline.failed')} error={formError} /> : null}
      {outline.length === 0 && (
        <EmptyState title={t('outline.empty')}>
          <p>{t('outline.emptyHint')}</p>
        </EmptyState>
      )}
      <ol className="studio-modules" aria-label={t('outline.modulesLabel')}>
        {outline.map((module, moduleIndex) => (
          <li key={module.id} className="studio-module" aria-labelledby={`module-${module.id}`}>
            <div className="studio-module__header">
              <h3 id={`module-${module.id}`} className="studio-module__title">
                {t('outline.moduleNumber', { number: moduleIndex + 1 })} {module.title}
              </h3>
              <div className="studio-actions studio-actions--compact">
                <Button variant="quiet" data-move={`${module.id}:-1`} isDisabled={moduleIndex === 0} onPress={() => onMoveModule(module, -1)} aria-label={t('outline.moveModuleUp', { title: module.title })}>
                  {t('outline.up')}
                </Button>
                <Button variant="quiet" data-move={`${module.id}:1`} isDisabled={moduleIndex === outline.length - 1} onPress={() => onMoveModule(module, 1)} aria-label={t('outline.moveModuleDown', { title: module.title })}>
                  {t('outline.down')}
                </Button>
                <RenameModule module={module} onDone={(message) => { setAnnouncement(message); void refresh(); }} />
                <Button variant="quiet" onPress={() => setConfirm({ kind: 'module', module })} aria-label={t('outline.deleteNamed', { title: module.title })}>
                  {t('outline.delete')}
                </Button>
              </div>
            </div>
            <ol
              className={`studio-lessons${dragging ? ' studio-lessons--dropzone' : ''}`}
              aria-label={t('outline.lessonsOf', { title: module.title })}
              onDragOver={(event) => dragging && event.preventDefault()}
              onDrop={(event) => onDrop(event, module.id, null)}
            >
              {module.lessons.map((lesson, lessonIndex) => {
                const first = moduleIndex === 0 && lessonIndex === 0;
                const last = moduleIndex === outline.length - 1 && lessonIndex === module.lessons.length - 1;
                return (
                  <li
                    key={lesson.id}
                    className={`studio-lesson${dragging === lesson.id ? ' studio-lesson--dragging' : ''}`}
                    draggable
                    onDragStart={(event) => {
                      event.dataTransfer.setData(LESSON_MIME, lesson.id);
                      event.dataTransfer.effectAllowed = 'move';
                      setDragging(lesson.id);
                    }}
                    onDragEnd={() => setDragging(null)}
                    onDragOver={(event) => dragging && event.preventDefault()}
                    onDrop={(event) => onDrop(event, module.id, lesson.id)}
                  >
                    <span className="studio-lesson__grip" aria-hidden="true">
                      ⠿
                    </span>
                    <span className="studio-lesson__text">
                      <span className="studio-lesson__title">{lesson.title}</span>
                      <span className="studio-lesson__meta">
                        {t(`lessonType.${lesson.type}`)} · {lesson.required ? t('lesson.required') : t('lesson.optional')}
                      </span>
                    </span>
                    <span className="studio-actions studio-actions--compact">
                      <Button variant="quiet" data-move={`${lesson.id}:-1`} isDisabled={first} onPress={() => onMoveLesson(lesson, -1)} aria-label={t('outline.moveLessonUp', { title: lesson.title })}>
                        {t('outline.up')}
                      </Button>
                      <Button variant="quiet" data-move={`${lesson.id}:1`} isDisabled={last} onPress={() => onMoveLesson(lesson, 1)} aria-label={t('outline.moveLessonDown', { title: lesson.title })}>
                        {t('outline.down')}
                      </Button>
                      <Button variant="quiet" onPress={() => setEditing({ moduleId: module.id, lesson })} aria-label={t('outline.editNamed', { title: lesson.title })}>
                        {t('outline.edit')}
                      </Button>
                      <Button variant="quiet" onPress={() => setConfirm({ kind: 'lesson', lesson })} aria-label={t('outline.deleteNamed', { title: lesson.title })}>
                        {t('outline.delete')}
                      </Button>
                    </span>
                  </li>
                );
              })}
            </ol>
            {editing?.moduleId === module.id ? (
              <LessonEditor
                key={editing.lesson?.id ?? 'new'}
                courseId={course.id}
                moduleId={module.id}
                lesson={editing.lesson}
                onClose={(message) => {
                  setEditing(null);
                  if (message) setAnnouncement(message);
                }}
              />
            ) : (
              <Button variant="secondary" onPress={() => setEditing({ moduleId: module.id, lesson: null })} aria-label={t('outline.addLessonTo', { title: module.title })}>
                {t('outline.addLesson')}
              </Button>
            )}
          </li>
        ))}
      </ol>
      <AddModule courseId={course.id} onAdded={(message) => { setAnnouncement(message); void refresh(); }} />
      {confirm && (
        <Dialog
          title={t('outline.confirmDeleteTitle')}
          isOpen
          onOpenChange={(open) => !open && setConfirm(null)}
          actions={() => (
            <Button onPress={remove}>{t('outline.delete')}</Button>
          )}
        >
          <p>{t(confirm.kind === 'module' ? 'outline.confirmDeleteModule' : 'outline.confirmDeleteLesson', { title: confirm.kind === 'module' ? confirm.module.title : confirm.lesson.title })}</p>
        </Dialog>
      )}
    </div>
  );
}

function AddModule({ courseId, onAdded }: { courseId: string; onAdded: (message: string) => void }) {
  const { t } = useStudioTranslation();
  const api = useStudioApi();
  const [title, setTitle] = useState('');
  const { errors, formError, pending, run } = useSubmit();
  return (
    <Form
      className="studio-form studio-inline-form"
      validationErrors={errors}
      onSubmit={(event) => {
        event.preventDefault();
        const value = title.trim();
        if (!value) return;
        void run(async () => {
          await api.createModule(courseId, value);
          setTitle('');
          onAdded(t('outline.moduleAdded', { title: value }));
        });
      }}
    >
      <TextField name="title" label={t('outline.newModule')} value={title} onChange={setTitle} isRequired errorMessage={t('fields.required')} />
      {formError ? <ErrorState title={t('outline.failed')} error={formError} headingLevel={3} /> : null}
      <Button type="submit" variant="secondary" isDisabled={pending}>
        {t('outline.addModule')}
      </Button>
    </Form>
  );
}

function RenameModule({ module, onDone }: { module: StudioModuleDto; onDone: (message: string) => void }) {
  const { t } = useStudioTranslation();
  const api = useStudioApi();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(module.title);
  const { formError, pending, run } = useSubmit();
  return (
    <>
      <Button variant="quiet" onPress={() => setOpen(true)} aria-label={t('outline.renameNamed', { title: module.title })}>
        {t('outline.rename')}
      </Button>
      {open && (
        <Dialog
          title={t('outline.renameTitle')}
          isOpen
          onOpenChange={setOpen}
          actions={(close) => (
            <Button
              isDisabled={pending || !title.trim()}
              onPress={() =>
                void run(async () => {
                  await api.updateModule(module.id, title.trim());
                  close();
                  onDone(t('outline.renamed', { title: title.trim() }));
                })
              }
            >
              {t('outline.save')}
            </Button>
          )}
        >
          <TextField label={t('outline.moduleTitle')} value={title} onChange={setTitle} isRequired autoFocus />
          {formError ? <ErrorState title={t('outline.failed')} error={formError} headingLevel={3} /> : null}
        </Dialog>
      )}
    </>
  );
}
