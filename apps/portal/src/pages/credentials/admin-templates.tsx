import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/errors';
import { Button, Card, Checkbox, EmptyState, ErrorState, LoadingState, TextField } from '../../ui';
import { showToast } from '../../ui/toast-queue';
import { credentialKeys, type TemplateContent, type TemplateDto, type TemplateInput } from './credentials-api';
import { useCredentialsApi } from './credentials-common';
import { useCredentialsTranslation } from './credentials-i18n';
import { DeleteTemplateDialog, ReissueDialog } from './template-dialogs';
import { TemplateImageField } from './template-image-field';
import { TemplatePreview } from './template-preview';

/*
 * Certificate templates: the list, an editor with the logo and signature images and a live
 * preview (template-preview.tsx), "reissue", which prints every certificate of a template again
 * at its new version (the old serials stay verifiable), and deleting a template nobody printed with.
 */

const MAX_SIGNATORIES = 3;
const HEX = /^#[0-9a-f]{6}$/i;

const blankTemplate = (): TemplateInput => ({
  name: '',
  isDefault: false,
  content: { organisationName: '', heading: '', bodyText: '', signatories: [], accentColor: '#1f6f5c' },
});

export function TemplatesPanel() {
  const { t } = useCredentialsTranslation();
  const api = useCredentialsApi();
  const templates = useQuery({ queryKey: credentialKeys.templates(), queryFn: ({ signal }) => api.templates(signal) });
  const [editing, setEditing] = useState<TemplateDto | 'new' | null>(null);
  const [reissuing, setReissuing] = useState<TemplateDto | null>(null);
  const [deleting, setDeleting] = useState<TemplateDto | null>(null);

  if (editing) return <TemplateEditor template={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />;
  return (
    <>
      <p>
        <Button onPress={() => setEditing('new')}>{t('admin.templates.new')}</Button>
      </p>
      {templates.isPending ? (
        <LoadingState label={t('admin.loading')} placeholders={2} />
      ) : templates.isError ? (
        <ErrorState title={t('admin.loadError')} error={templates.error} onRetry={() => void templates.refetch()} headingLevel={3} />
      ) : templates.data.length === 0 ? (
        <EmptyState title={t('admin.templates.empty')} headingLevel={3} />
      ) : (
        <ul className="credential-list" role="list">
          {templates.data.map((template) => (
            <li key={template.id}>
              <Card as="article" className="credential-card" aria-labelledby={`template-${template.id}`}>
                <h3 id={`template-${template.id}`} className="credential-card__title">
                  {template.name}
                  {template.isDefault && <span className="credential-badge"> {t('admin.templates.default')}</span>}
                </h3>
                <p className="credential-card__meta">{t('admin.templates.version', { version: template.version })}</p>
                <div className="credential-actions">
                  <Button variant="secondary" onPress={() => setEditing(template)} aria-label={`${t('admin.templates.edit')} ${template.name}`}>
                    {t('admin.templates.edit')}
                  </Button>
                  <Button variant="secondary" onPress={() => setReissuing(template)}>
                    {t('admin.templates.reissue')}
                  </Button>
                  {/* The default is what new certificates use: it is never offered for deletion. */}
                  {!template.isDefault && (
                    <Button variant="quiet" onPress={() => setDeleting(template)} aria-label={`${t('admin.templates.delete')} ${template.name}`}>
                      {t('admin.templates.delete')}
                    </Button>
                  )}
                </div>
              </Card>
            </li>
          ))}
        </ul>
      )}
      {reissuing && <ReissueDialog template={reissuing} onClose={() => setReissuing(null)} />}
      {deleting && <DeleteTemplateDialog template={deleting} onClose={() => setDeleting(null)} />}
    </>
  );
}

function TemplateEditor({ template, onDone }: { template: TemplateDto | null; onDone: () => void }) {
  const { t } = useCredentialsTranslation();
  const api = useCredentialsApi();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<TemplateInput>(() => (template ? { name: template.name, isDefault: template.isDefault, content: template.content } : blankTemplate()));
  const [submitted, setSubmitted] = useState(false);
  const setContent = (patch: Partial<TemplateContent>) => setForm((f) => ({ ...f, content: { ...f.content, ...patch } }));
  const signatories = form.content.signatories;
  const setSignatory = (index: number, patch: Partial<TemplateContent['signatories'][number]>) =>
    setContent({ signatories: signatories.map((s, i) => (i === index ? { ...s, ...patch } : s)) });

  const save = useMutation({
    mutationFn: () => (template ? api.updateTemplate(template.id, form) : api.createTemplate(form)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: credentialKeys.templates() });
      showToast({ title: t('admin.saved'), variant: 'success' });
      onDone();
    },
    // The API's reason when it has one (e.g. an image it cannot print), in its language.
    onError: (error) => showToast({ title: error instanceof ApiError && error.problem ? error.problem.title : t('admin.saveError'), variant: 'error' }),
  });
  const nameMissing = !form.name.trim() || !form.content.organisationName.trim();
  const accentInvalid = !!form.content.accentColor && !HEX.test(form.content.accentColor);

  return (
    <div className="template-editor">
      <form
        className="template-editor__form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setSubmitted(true);
          if (!nameMissing && !accentInvalid) save.mutate();
        }}
      >
        <TextField label={t('admin.templates.name')} value={form.name} onChange={(name) => setForm((f) => ({ ...f, name }))} isRequired isInvalid={submitted && !form.name.trim()} errorMessage={t('admin.templates.required')} />
        <Checkbox isSelected={form.isDefault} onChange={(isDefault) => setForm((f) => ({ ...f, isDefault }))}>
          {t('admin.templates.isDefault')}
        </Checkbox>
        <TextField
          label={t('admin.templates.organisation')}
          value={form.content.organisationName}
          onChange={(organisationName) => setContent({ organisationName })}
          isRequired
          isInvalid={submitted && !form.content.organisationName.trim()}
          errorMessage={t('admin.templates.required')}
        />
        <TextField label={t('admin.templates.heading')} value={form.content.heading ?? ''} onChange={(heading) => setContent({ heading })} />
        <TextField label={t('admin.templates.body')} description={t('admin.templates.bodyHint')} multiline value={form.content.bodyText ?? ''} onChange={(bodyText) => setContent({ bodyText })} />
        <TemplateImageField label={t('admin.templates.images.logo')} mediaId={form.content.logoMediaId} onChange={(logoMediaId) => setContent({ logoMediaId })} />
        <TextField
          label={t('admin.templates.accent')}
          description={t('admin.templates.accentHint')}
          value={form.content.accentColor ?? ''}
          onChange={(accentColor) => setContent({ accentColor })}
          isInvalid={accentInvalid}
          errorMessage={t('admin.templates.accentHint')}
        />
        <fieldset className="template-editor__signatories">
          <legend>{t('admin.templates.signatories')}</legend>
          {signatories.map((s, i) => (
            <div key={i} className="template-editor__signatory" role="group" aria-label={t('admin.templates.signatory', { n: i + 1 })}>
              <TextField label={t('admin.templates.signatoryName')} value={s.name} onChange={(name) => setSignatory(i, { name })} />
              <TextField label={t('admin.templates.signatoryTitle')} value={s.title} onChange={(title) => setSignatory(i, { title })} />
              <TemplateImageField
                label={t('admin.templates.images.signature', { n: i + 1 })}
                mediaId={s.signatureMediaId}
                onChange={(signatureMediaId) => setSignatory(i, { signatureMediaId })}
              />
              <Button variant="quiet" onPress={() => setContent({ signatories: signatories.filter((_, j) => j !== i) })}>
                {t('admin.templates.removeSignatory', { n: i + 1 })}
              </Button>
            </div>
          ))}
          {signatories.length < MAX_SIGNATORIES && (
            <Button variant="secondary" onPress={() => setContent({ signatories: [...signatories, { name: '', title: '' }] })}>
              {t('admin.templates.addSignatory')}
            </Button>
          )}
        </fieldset>
        <div className="credential-actions">
          <Button type="submit" isPending={save.isPending}>
            {t('admin.templates.save')}
          </Button>
          <Button variant="secondary" onPress={onDone}>
            {t('admin.templates.cancel')}
          </Button>
        </div>
      </form>
      <TemplatePreview content={form.content} />
    </div>
  );
}
