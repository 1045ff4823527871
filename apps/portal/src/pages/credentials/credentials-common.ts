import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '@baanrian/contracts';
import { useApiClient } from '../../api/api-client-context';
import { currentLocale } from '../../i18n/i18n';
import { createCredentialsApi, type CredentialsApi, type MyCredentialDto } from './credentials-api';

export const CREDENTIAL_ROUTES = {
  mine: '/me/certificates',
  admin: '/admin/certificates',
  verifyPrefix: '/verify/',
} as const;

export const verifyHref = (code: string) => `${CREDENTIAL_ROUTES.verifyPrefix}${encodeURIComponent(code)}`;

export type CredentialsRoute = { screen: 'mine' } | { screen: 'admin' } | { screen: 'verify'; code: string };

export function parseCredentialsPath(pathname: string): CredentialsRoute {
  const path = pathname.replace(/(.)\/+$/, '$1');
  if (path.startsWith(CREDENTIAL_ROUTES.verifyPrefix)) {
    const raw = path.slice(CREDENTIAL_ROUTES.verifyPrefix.length).split('/')[0] ?? '';
    let code = raw;
    try {
      code = decodeURIComponent(raw);
    } catch {
      // a malformed escape is looked up as typed: it is simply not found
    }
    return { screen: 'verify', code };
  }
  return path === CREDENTIAL_ROUTES.admin ? { screen: 'admin' } : { screen: 'mine' };
}

/** The verification page's absolute URL: what a learner shares and the QR code on the PDF points to. */
export const shareUrl = (code: string, origin = window.location.origin) => `${origin}${verifyHref(code)}`;

/** The public verification page: the API's absolute link (its public URL), else this origin's. */
export const credentialShareUrl = (credential: MyCredentialDto) => credential.links.verificationPage || shareUrl(credential.code);

/**
 * LinkedIn's "Add licence or certification" form, prefilled
 * (https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME…): the API builds it, with
 * the issuer's name; without one, the same form without the organisation.
 */
export function linkedInUrl(credential: MyCredentialDto): string {
  if (credential.linkedInAddToProfileUrl) return credential.linkedInAddToProfileUrl;
  const issued = new Date(credential.issuedAt);
  const params = new URLSearchParams({
    startTask: 'CERTIFICATION_NAME',
    name: credential.achievementName,
    issueYear: String(issued.getUTCFullYear()),
    issueMonth: String(issued.getUTCMonth() + 1),
    certUrl: credentialShareUrl(credential),
    certId: credential.code,
  });
  return `https://www.linkedin.com/profile/add?${params.toString()}`;
}

export function useCredentialsApi(): CredentialsApi {
  const client = useApiClient();
  return useMemo(() => createCredentialsApi(client), [client]);
}

export function useLocale(): Locale {
  return currentLocale(useTranslation().i18n);
}
