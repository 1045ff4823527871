import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID } from 'class-validator';

export const CREDENTIAL_KINDS = ['course', 'title'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];
/** `invalid`: the stored credential no longer matches its signature (altered after issue). */
export const VERIFICATION_STATUSES = ['valid', 'revoked', 'invalid'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

/** Path parameter of the public endpoints: the 10-character code printed on the certificate. */
export class CredentialCodeParamsDto {
  // Only a string: a malformed code gets the same 404 as an unknown one, never a 400 that tells them apart.
  @ApiProperty({ example: '7KQ2M9XD4R', description: 'Verification code (Crockford base32, case-insensitive)' }) @IsString() code: string;
}

export class CredentialIdParamsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
}

export class CredentialSerialDto {
  @ApiProperty({ example: 'BR-2569-000123' }) serial: string;
  @ApiProperty() templateVersion: number;
  @ApiProperty({ description: 'The PDF of the current template version; older serials stay verifiable' }) current: boolean;
}

/** What anyone holding the code may learn: nothing beyond these fields. */
export class CredentialVerificationDto {
  @ApiProperty({ enum: VERIFICATION_STATUSES }) status: VerificationStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
  @ApiProperty() achievementName: string;
  @ApiProperty() issuerName: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ description: 'The name as printed on the certificate' }) learnerName: string;
  @ApiProperty({ type: [CredentialSerialDto] }) serials: CredentialSerialDto[];
}

export class CredentialLinksDto {
  @ApiProperty({ description: 'Public verification page (share this)' }) verificationPage: string;
  @ApiProperty() credentialJson: string;
  @ApiProperty() credentialJwt: string;
  @ApiProperty({ description: 'The PDF (signed-in owner only)' }) certificatePdf: string;
}

export class MyCredentialDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty({ enum: CREDENTIAL_KINDS }) kind: CredentialKind;
  @ApiProperty() achievementName: string;
  @ApiProperty() hours: number;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
  @ApiProperty({ description: 'The certificate PDF has been rendered and can be downloaded' }) pdfReady: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'BR-2569-000123' }) serial: string | null;
  @ApiProperty({ type: CredentialLinksDto }) links: CredentialLinksDto;
  @ApiProperty({ description: 'LinkedIn "Add to profile" link (certification)' }) linkedInAddToProfileUrl: string;
}

/** The issuer as an Open Badges 3.0 Profile (JSON-LD). */
export class IssuerProfileDocumentDto {
  @ApiProperty({ type: [String] }) '@context': string[];
  @ApiProperty({ example: 'did:web:learn.example.org' }) id: string;
  @ApiProperty({ type: [String], example: ['Profile'] }) type: string[];
  @ApiProperty() name: string;
  @ApiProperty() url: string;
  @ApiPropertyOptional() email?: string;
  @ApiPropertyOptional({ description: 'Image URL' }) image?: { id: string; type: 'Image' };
}

export class JsonWebKeyDto {
  @ApiProperty({ example: 'OKP' }) kty: string;
  @ApiProperty({ example: 'Ed25519' }) crv: string;
  @ApiProperty() x: string;
  @ApiProperty() kid: string;
  @ApiPropertyOptional() alg?: string;
  @ApiPropertyOptional() use?: string;
}

export class JwksDto {
  @ApiProperty({ type: [JsonWebKeyDto], description: 'Every issuer key, retired ones too, so older credentials keep verifying' }) keys: JsonWebKeyDto[];
}
