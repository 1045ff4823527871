import { writeOutboxEvent } from '@baanrian/db';
import type { EntityManager } from 'typeorm';
import { currentRequestId } from '../observability/request-context';

/**
 * Erases one person's personal data in the caller's transaction, keeping an anonymous tombstone
 * row so participation counts stay correct. Kept: id, target group (and how it was set), staff
 * status, province, preferred language and dates; at the level of a province and an age band
 * these describe a group, not a person. Removed: name, email, phone, account code, birth year,
 * district, password and national-ID hashes, the guardian link, roles, sessions (access tokens
 * included), digital-ID links and password-reset tokens; consent records are anonymised.
 * Audit entries keep the bare id (actor or target) and never held names.
 */
export async function eraseUserData(manager: EntityManager, userId: string): Promise<void> {
  await manager.query(
    `UPDATE app_user SET
       email = NULL, display_name = '', phone = NULL, birth_year = NULL, district = NULL,
       account_code = 'ERASED-' || replace(id::text, '-', ''),
       password_hash = NULL, national_id_hash = NULL, guardian_id = NULL, last_sign_in_at = NULL,
       disabled_at = coalesce(disabled_at, now()), erased_at = now(), updated_at = now(),
       session_version = session_version + 1
     WHERE id = $1`,
    [userId],
  );
  await manager.query(`DELETE FROM refresh_token WHERE user_id = $1`, [userId]);
  // A guardian's session acting as an erased child goes on as the guardian's own.
  await manager.query(`UPDATE refresh_token SET acting_as_id = NULL WHERE acting_as_id = $1`, [userId]);
  // Consent records stay as proof that consent existed (purpose, policy version, times), but name
  // nobody: about this person, both ids go (the giver of a child's consent would reveal the
  // relation); given by this person, the giver goes. Erasure also ends any consent still running.
  await manager.query(
    `UPDATE consent_record SET subject_id = NULL, given_by_id = NULL, withdrawn_at = coalesce(withdrawn_at, now()) WHERE subject_id = $1`,
    [userId],
  );
  await manager.query(
    `UPDATE consent_record SET given_by_id = NULL, withdrawn_at = coalesce(withdrawn_at, now()) WHERE given_by_id = $1`,
    [userId],
  );
  await manager.query(`DELETE FROM user_role WHERE user_id = $1`, [userId]);
  // The digital-ID link (provider subject) identifies the person at the provider.
  await manager.query(`DELETE FROM external_identity WHERE user_id = $1`, [userId]);
  await manager.query(`DELETE FROM password_reset_token WHERE user_id = $1`, [userId]);
  await manager.query(`DELETE FROM sign_in_card WHERE user_id = $1`, [userId]);
  // Notifications carry course and session titles addressed to the person. Enrolments, progress and
  // attendance stay, against the tombstone, so participation counts remain exact.
  await manager.query(`DELETE FROM notification WHERE user_id = $1`, [userId]);
  // mail_delivery keeps its rows (bare ids and times): they are what makes "at most one mail" hold.
  // Reports move the person's counts to the anonymous slice (no district): here, so no caller can forget.
  await writeOutboxEvent(manager, 'account.erased', { userId }, currentRequestId());
}
