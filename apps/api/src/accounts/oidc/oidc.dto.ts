import { ApiProperty } from '@nestjs/swagger';

/** Whether the portal shows "sign in with digital ID", and with which wording. */
export class OidcStatusDto {
  @ApiProperty({ description: 'True when an OpenID provider is configured (OIDC_ISSUER_URL and OIDC_CLIENT_ID)' })
  enabled: boolean;

  @ApiProperty({ type: String, nullable: true, description: 'Button text from OIDC_LABEL; null: the portal uses its own translated wording', example: 'ThaiD' })
  label: string | null;
}
