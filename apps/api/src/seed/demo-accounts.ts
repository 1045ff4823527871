import type { Locale, Role, StaffStatus, TargetGroup } from '@baanrian/contracts';

export interface DemoAccount {
  /** What to type at sign-in: the email, or the account code for people without one. */
  login: string;
  email: string | null;
  accountCode?: string;
  password: string;
  displayName: string;
  preferredLocale: Locale;
  birthYear: number | null;
  province: string;
  district: string;
  targetGroup?: TargetGroup;
  staffStatus?: StaffStatus;
  roles: Role[];
}

/**
 * Demo accounts with public passwords, documented in the README. They exist only in a demo
 * database: the seed never runs on a database that already has users or courses of its own.
 */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    login: 'admin@demo.baanrian.test',
    email: 'admin@demo.baanrian.test',
    password: 'demo-admin-2567',
    displayName: 'ผู้ดูแลระบบ (สาธิต)',
    preferredLocale: 'th',
    birthYear: 1980,
    province: 'เชียงใหม่',
    district: 'เมืองเชียงใหม่',
    roles: ['learner', 'admin'],
  },
  {
    login: 'instructor@demo.baanrian.test',
    email: 'instructor@demo.baanrian.test',
    password: 'demo-instructor-2567',
    displayName: 'ครูมาลี ศรีสุข (สาธิต)',
    preferredLocale: 'th',
    birthYear: 1985,
    province: 'เชียงใหม่',
    district: 'สันทราย',
    targetGroup: 'education_staff',
    staffStatus: 'confirmed',
    roles: ['learner', 'instructor'],
  },
  {
    login: 'learner@demo.baanrian.test',
    email: 'learner@demo.baanrian.test',
    password: 'demo-learner-2567',
    displayName: 'สมชาย ใจดี (สาธิต)',
    preferredLocale: 'th',
    birthYear: 1995,
    province: 'เชียงใหม่',
    district: 'หางดง',
    roles: ['learner'],
  },
  {
    // No email, as many elderly learners: signs in with the code on a printed card.
    login: 'BR-25001',
    email: null,
    accountCode: 'BR-25001',
    password: 'demo-elderly-2567',
    displayName: 'ยายบุญมา (สาธิต)',
    preferredLocale: 'th',
    birthYear: 1952,
    province: 'เชียงใหม่',
    district: 'แม่ริม',
    roles: ['learner'],
  },
];
