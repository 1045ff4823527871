import type { StudioModuleDto } from './studio-api';

/** Pure reorder steps for the outline; the result is what PUT outline sends. */
export type Outline = StudioModuleDto[];

export interface LessonPlace {
  moduleIndex: number;
  lessonIndex: number;
}

export function findLesson(outline: Outline, lessonId: string): LessonPlace | null {
  for (const [moduleIndex, module] of outline.entries()) {
    const lessonIndex = module.lessons.findIndex((lesson) => lesson.id === lessonId);
    if (lessonIndex >= 0) return { moduleIndex, lessonIndex };
  }
  return null;
}

/**
 * One step up or down. At the edge of a module the lesson crosses into the neighbouring module
 * (last place of the one above, first place of the one below), so the keyboard can do all that
 * dragging can.
 */
export function moveLesson(outline: Outline, lessonId: string, direction: -1 | 1): Outline | null {
  const place = findLesson(outline, lessonId);
  if (!place) return null;
  const { moduleIndex, lessonIndex } = place;
  const lessons = outline[moduleIndex].lessons;
  const lesson = lessons[lessonIndex];
  const next = outline.map((module) => ({ ...module, lessons: [...module.lessons] }));
  const target = lessonIndex + direction;
  if (target >= 0 && target < lessons.length) {
    next[moduleIndex].lessons.splice(lessonIndex, 1);
    next[moduleIndex].lessons.splice(target, 0, lesson);
    return next;
  }
  const neighbour = moduleIndex + direction;
  if (neighbour < 0 || neighbour >= outline.length) return null;
  next[moduleIndex].lessons.splice(lessonIndex, 1);
  if (direction < 0) next[neighbour].lessons.push({ ...lesson, moduleId: next[neighbour].id });
  else next[neighbour].lessons.unshift({ ...lesson, moduleId: next[neighbour].id });
  return next;
}

/** Moves a lesson before `beforeLessonId` in `moduleId` (null: to the module's end), as a drop does. */
export function dropLesson(outline: Outline, lessonId: string, moduleId: string, beforeLessonId: string | null): Outline | null {
  const place = findLesson(outline, lessonId);
  if (!place || lessonId === beforeLessonId) return null;
  const lesson = outline[place.moduleIndex].lessons[place.lessonIndex];
  const next = outline.map((module) => ({ ...module, lessons: module.lessons.filter((l) => l.id !== lessonId) }));
  const target = next.find((module) => module.id === moduleId);
  if (!target) return null;
  const index = beforeLessonId === null ? target.lessons.length : target.lessons.findIndex((l) => l.id === beforeLessonId);
  target.lessons.splice(index < 0 ? target.lessons.length : index, 0, { ...lesson, moduleId });
  return next;
}

export function moveModule(outline: Outline, moduleId: string, direction: -1 | 1): Outline | null {
  const index = outline.findIndex((module) => module.id === moduleId);
  const target = index + direction;
  if (index < 0 || target < 0 || target >= outline.length) return null;
  const next = [...outline];
  const [module] = next.splice(index, 1);
  next.splice(target, 0, module);
  return next;
}

export const outlineBody = (outline: Outline, draftRevision: number) => ({
  draftRevision,
  modules: outline.map((module) => ({ id: module.id, lessonIds: module.lessons.map((lesson) => lesson.id) })),
});
