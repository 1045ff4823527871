import { useState } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { QUESTION_TYPES, type QuestionType } from '@baanrian/contracts';
import { formatNumber } from '../../i18n/format';
import { currentLocale } from '../../i18n/i18n';
import { Button, Dialog, EmptyState, ErrorState, LoadingState, Select, showToast, TextField } from '../../ui';
import { QuestionEditor } from './question-editor';
import { saveFile, type QuestionCategoryDto, type QuestionDto, type QuestionFilters } from './quiz-studio-api';
import { cleanCategoryPath, quizKeys, useQuizStudioApi } from './quiz-studio-common';
import { useQuizStudioTranslation } from './quiz-studio-i18n';

interface CategoryNode {
  name: string;
  path: string;
  category: QuestionCategoryDto | null;
  children: CategoryNode[];
}

/** `Grammar/Tones` and `Grammar` → a tree; parents that exist only as a prefix get a node too. */
export function categoryTree(categories: readonly QuestionCategoryDto[]): CategoryNode[] {
  const root: CategoryNode[] = [];
  for (const category of [...categories].sort((a, b) => a.path.localeCompare(b.path))) {
    let level = root;
    const parts = category.path.split('/').filter(Boolean);
    parts.forEach((name, i) => {
      const path = parts.slice(0, i + 1).join('/');
      let node = level.find((n) => n.name === name);
      if (!node) {
        node = { name, path, category: null, children: [] };
        level.push(node);
      }
      if (i === parts.length - 1) node.category = category;
      level = node.children;
    });
  }
  return root;
}

const stemLine = (q: QuestionDto) => q.definition.name || q.definition.stem.text.split('\n')[0].slice(0, 160);

/** The question bank of a course: filters, category tree, list, and the editor for one question. */
export function QuestionBank({ courseId, editing, onEdit }: { courseId: string; editing: string | null; onEdit: (id: string | null) => void }) {
  const { t, i18n } = useQuizStudioTranslation();
  const locale = currentLocale(i18n);
  const api = useQuizStudioApi();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<QuestionFilters>({});
  const [search, setSearch] = useState('');
  const [tag, setTag] = useState('');
  const [deleting, setDeleting] = useState<QuestionDto | null>(null);
  const categories = useQuery({ queryKey: quizKeys.categories(courseId), queryFn: ({ signal }) => api.categories(courseId, signal) });
  const questions = useInfiniteQuery({
    queryKey: quizKeys.questions(courseId, filters),
    queryFn: ({ pageParam, signal }) => api.questions(courseId, { ...filters, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const existing = useQuery({
    queryKey: quizKeys.question(editing ?? ''),
    queryFn: ({ signal }) => api.question(editing ?? '', signal),
    enabled: editing !== null && editing !== 'new',
    staleTime: 0,
  });
  const remove = useMutation({
    mutationFn: (question: QuestionDto) => api.deleteQuestion(question.id),
    onSuccess: async () => {
      setDeleting(null);
      showToast({ variant: 'success', title: t('bank.deleted') });
      await queryClient.invalidateQueries({ queryKey: quizKeys.questionsOf(courseId) });
      await queryClient.invalidateQueries({ queryKey: quizKeys.categories(courseId) });
    },
  });
  const exportGift = useMutation({
    mutationFn: () => api.exportGift(courseId, filters.categoryId ?? null),
    onSuccess: (blob) => saveFile(blob, 'questions.gift.txt'),
  });
  const selectedCategory = categories.data?.find((c) => c.id === filters.categoryId) ?? null;

  if (editing !== null) {
    if (editing !== 'new' && existing.isPending) return <LoadingState label={t('bank.loadingQuestion')} />;
    if (editing !== 'new' && existing.isError) {
      return <ErrorState title={t('bank.loadQuestionFailed')} error={existing.error} onRetry={() => void existing.refetch()} retrying={existing.isFetching} />;
    }
    return (
      <QuestionEditor
        key={editing}
        courseId={courseId}
        existing={editing === 'new' ? null : (existing.data ?? null)}
        defaultCategory={selectedCategory?.path ?? null}
        onClose={(message) => {
          if (message) showToast({ variant: 'success', title: message });
          onEdit(null);
        }}
      />
    );
  }

  const items = questions.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="quiz-bank">
      <div className="studio-section__header">
        <h2>{t('bank.heading')}</h2>
        <div className="studio-actions">
          <Button onPress={() => onEdit('new')}>{t('bank.create')}</Button>
          <Button variant="secondary" isPending={exportGift.isPending} onPress={() => exportGift.mutate()}>
            {selectedCategory ? t('bank.exportCategory', { category: selectedCategory.path }) : t('bank.export')}
          </Button>
        </div>
      </div>
      {exportGift.isError && <ErrorState title={t('bank.exportFailed')} error={exportGift.error} headingLevel={3} />}
      <div className="quiz-bank__layout">
        <CategoryPanel
          courseId={courseId}
          categories={categories.data ?? []}
          selected={filters.categoryId ?? null}
          onSelect={(categoryId) => setFilters((f) => ({ ...f, categoryId }))}
        />
        <section className="quiz-bank__list" aria-labelledby="quiz-bank-list-heading">
          <h3 id="quiz-bank-list-heading">{selectedCategory ? t('bank.inCategory', { category: selectedCategory.path }) : t('bank.all')}</h3>
          <Form
            className="quiz-filters"
            role="search"
            aria-label={t('bank.filters')}
            onSubmit={(event) => {
              event.preventDefault();
              setFilters((f) => ({ ...f, q: search.trim() || null, tag: tag.trim() || null }));
            }}
          >
            <TextField label={t('bank.search')} value={search} onChange={setSearch} type="search" />
            <TextField label={t('bank.tag')} value={tag} onChange={setTag} />
            <Select
              label={t('bank.type')}
              selectedKey={filters.type ?? 'all'}
              onSelectionChange={(key) => setFilters((f) => ({ ...f, type: key === 'all' ? null : (key as QuestionType) }))}
              options={[{ id: 'all', label: t('bank.allTypes') }, ...QUESTION_TYPES.map((type) => ({ id: type, label: t(`type.${type}`) }))]}
            />
            <Button type="submit" variant="secondary">
              {t('bank.applyFilters')}
            </Button>
          </Form>
          {questions.isPending ? (
            <LoadingState label={t('bank.loading')} />
          ) : questions.isError ? (
            <ErrorState title={t('bank.loadFailed')} error={questions.error} onRetry={() => void questions.refetch()} retrying={questions.isFetching} headingLevel={3} />
          ) : items.length === 0 ? (
            <EmptyState title={t('bank.none')} headingLevel={3}>
              <p>{t('bank.noneHint')}</p>
            </EmptyState>
          ) : (
            <ul role="list" className="quiz-question-list">
              {items.map((q) => (
                <li key={q.id} className="quiz-question">
                  <h4 className="quiz-question__stem">{stemLine(q) || t('bank.noStem')}</h4>
                  <p className="studio-course__meta">
                    <span className="studio-status">{t(`type.${q.type}`)}</span>
                    <span>{t('bank.points', { count: q.definition.points, points: formatNumber(q.definition.points, locale) })}</span>
                    {q.categoryPath && <span>{q.categoryPath}</span>}
                    {q.tags.length > 0 && <span>{t('bank.tags', { tags: q.tags.join(', ') })}</span>}
                    {q.usedInQuizzes > 0 && <span>{t('bank.usedIn', { count: q.usedInQuizzes })}</span>}
                  </p>
                  <div className="studio-actions">
                    <Button variant="secondary" onPress={() => onEdit(q.id)} aria-label={t('bank.editNamed', { name: stemLine(q) })}>
                      {t('bank.edit')}
                    </Button>
                    <Button variant="quiet" onPress={() => setDeleting(q)} aria-label={t('bank.deleteNamed', { name: stemLine(q) })}>
                      {t('bank.delete')}
                    </Button>
                  </div>
                </li>
              ))}
            </ul>
          )}
          {questions.hasNextPage && (
            <Button variant="secondary" isPending={questions.isFetchingNextPage} onPress={() => void questions.fetchNextPage()}>
              {t('bank.more')}
            </Button>
          )}
        </section>
      </div>
      <Dialog
        title={t('bank.deleteTitle')}
        isOpen={deleting !== null}
        onOpenChange={(open) => {
          if (!open) {
            setDeleting(null);
            remove.reset();
          }
        }}
        actions={() => (
          <Button isPending={remove.isPending} onPress={() => deleting && remove.mutate(deleting)}>
            {t('bank.deleteConfirm')}
          </Button>
        )}
      >
        <p>{deleting && t('bank.deleteBody', { name: stemLine(deleting) })}</p>
        {remove.isError && <ErrorState title={t('bank.deleteFailed')} error={remove.error} headingLevel={3} />}
      </Dialog>
    </div>
  );
}

function CategoryPanel({ courseId, categories, selected, onSelect }: { courseId: string; categories: QuestionCategoryDto[]; selected: string | null; onSelect: (id: string | null) => void }) {
  const { t, i18n } = useQuizStudioTranslation();
  const locale = currentLocale(i18n);
  const api = useQuizStudioApi();
  const queryClient = useQueryClient();
  const [path, setPath] = useState('');
  const create = useMutation({
    mutationFn: (p: string) => api.createCategory(courseId, p),
    onSuccess: async () => {
      setPath('');
      await queryClient.invalidateQueries({ queryKey: quizKeys.categories(courseId) });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.deleteCategory(id),
    onSuccess: async (_, id) => {
      if (selected === id) onSelect(null);
      await queryClient.invalidateQueries({ queryKey: quizKeys.categories(courseId) });
      await queryClient.invalidateQueries({ queryKey: quizKeys.questionsOf(courseId) });
    },
  });

  const renderNodes = (nodes: CategoryNode[]) => (
    <ul className="quiz-tree">
      {nodes.map((node) => (
        <li key={node.path}>
          {node.category ? (
            <span className="quiz-tree__row">
              <Button variant="quiet" className="quiz-tree__button" aria-pressed={selected === node.category.id} onPress={() => onSelect(node.category?.id ?? null)}>
                {node.name} <span className="quiz-tree__count">({formatNumber(node.category.questionCount, locale)})</span>
              </Button>
              <Button variant="quiet" aria-label={t('categories.deleteNamed', { path: node.path })} onPress={() => node.category && remove.mutate(node.category.id)}>
                <span aria-hidden="true">×</span>
              </Button>
            </span>
          ) : (
            <span className="quiz-tree__row quiz-tree__label">{node.name}</span>
          )}
          {node.children.length > 0 && renderNodes(node.children)}
        </li>
      ))}
    </ul>
  );

  return (
    <nav className="quiz-categories" aria-labelledby="quiz-categories-heading">
      <h3 id="quiz-categories-heading">{t('categories.heading')}</h3>
      <Button variant="quiet" className="quiz-tree__button" aria-pressed={selected === null} onPress={() => onSelect(null)}>
        {t('categories.all')}
      </Button>
      {renderNodes(categoryTree(categories))}
      {remove.isError && <ErrorState title={t('categories.deleteFailed')} error={remove.error} headingLevel={3} />}
      <Form
        className="quiz-categories__new"
        onSubmit={(event) => {
          event.preventDefault();
          const clean = cleanCategoryPath(path);
          if (clean) create.mutate(clean);
        }}
      >
        <TextField label={t('categories.new')} description={t('categories.newHint')} value={path} onChange={setPath} />
        <Button type="submit" variant="secondary" isPending={create.isPending}>
          {t('categories.add')}
        </Button>
      </Form>
      {create.isError && <ErrorState title={t('categories.createFailed')} error={create.error} headingLevel={3} />}
    </nav>
  );
}
