import { useEffect, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Button, ErrorState } from '../../ui';
import { mediaUrl } from '../studio/studio-api';
import type { TemplateContent } from './credentials-api';
import { useCredentialsApi, useLocale } from './credentials-common';
import { useCredentialsTranslation } from './credentials-i18n';

const HEX = /^#[0-9a-f]{6}$/i;

/**
 * The live approximation (redrawn on every keystroke, with the uploaded logo and signatures),
 * then the exact PDF on request (rendered by the API with sample data). The images here repeat
 * what the fields show, so they are decorative (empty alt); the names beside them are the text.
 */
export function TemplatePreview({ content }: { content: TemplateContent }) {
  const { t } = useCredentialsTranslation();
  const api = useCredentialsApi();
  const locale = useLocale();
  const [pdfUrl, setPdfUrl] = useState<string | null>(null);
  const preview = useMutation({
    mutationFn: () => api.previewTemplate(content, locale),
    onSuccess: (blob) => setPdfUrl(URL.createObjectURL(blob)),
  });
  useEffect(() => () => void (pdfUrl && URL.revokeObjectURL(pdfUrl)), [pdfUrl]);
  const accent = content.accentColor && HEX.test(content.accentColor) ? content.accentColor : undefined;

  return (
    <section className="template-preview" aria-labelledby="template-preview-title">
      <h3 id="template-preview-title">{t('admin.templates.preview')}</h3>
      <p className="template-preview__note">{t('admin.templates.previewNote')}</p>
      <figure className="certificate-sheet" style={accent ? { borderColor: accent } : undefined} aria-labelledby="template-preview-title">
        {content.logoMediaId && <img className="certificate-sheet__logo" src={mediaUrl(content.logoMediaId)} alt="" />}
        <p className="certificate-sheet__org">{content.organisationName}</p>
        {content.heading && (
          <p className="certificate-sheet__heading" style={accent ? { color: accent } : undefined}>
            {content.heading}
          </p>
        )}
        <p className="certificate-sheet__name">{t('admin.templates.sampleName')}</p>
        {content.bodyText && <p className="certificate-sheet__body">{content.bodyText}</p>}
        <p className="certificate-sheet__course">{t('admin.templates.sampleCourse')}</p>
        <p className="certificate-sheet__body">{t('admin.templates.sampleHours', { hours: 12 })}</p>
        {content.signatories.length > 0 && (
          <ul className="certificate-sheet__signatories" role="list">
            {content.signatories.map((s, i) => (
              <li key={i}>
                {s.signatureMediaId && <img className="certificate-sheet__signature" src={mediaUrl(s.signatureMediaId)} alt="" />}
                <span className="certificate-sheet__sign-name">{s.name}</span>
                <span>{s.title}</span>
              </li>
            ))}
          </ul>
        )}
      </figure>
      <p>
        <Button variant="secondary" isPending={preview.isPending} onPress={() => preview.mutate()}>
          {t('admin.templates.previewPdf')}
        </Button>
      </p>
      {preview.isError && <ErrorState title={t('admin.templates.previewError')} error={preview.error} headingLevel={3} />}
      {pdfUrl && <iframe className="template-preview__pdf" src={pdfUrl} title={t('admin.templates.previewPdfTitle')} />}
    </section>
  );
}
