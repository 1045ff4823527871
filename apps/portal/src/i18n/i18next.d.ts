import type th from './locales/th.json';
import type pwaTh from '../pwa/locales/th.json';
import type accountsTh from '../auth/locales/th.json';
import type accountsScreensTh from '../auth/locales/screens/th.json';
import type catalogTh from '../pages/catalog/locales/th.json';
import type catalogPageTh from '../pages/catalog/locales/page/th.json';
import type studioTh from '../pages/studio/locales/th.json';
import type quizStudioTh from '../pages/quiz-studio/locales/th.json';
import type learningTh from '../pages/learning/locales/th.json';
import type teachingTh from '../pages/teaching/locales/th.json';
import type quizTh from '../pages/quiz/locales/th.json';
import type credentialsTh from '../pages/credentials/locales/th.json';
import type reportsTh from '../pages/reports/locales/th.json';
import type jobsTh from '../pages/jobs/locales/th.json';

// Thai is the source language: translation keys are checked against it at compile time.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: typeof th;
      pwa: typeof pwaTh;
      accounts: typeof accountsTh & typeof accountsScreensTh;
      catalog: typeof catalogTh & typeof catalogPageTh;
      studio: typeof studioTh;
      learning: typeof learningTh;
      teaching: typeof teachingTh;
      quizStudio: typeof quizStudioTh;
      quiz: typeof quizTh;
      credentials: typeof credentialsTh;
      reports: typeof reportsTh;
      jobs: typeof jobsTh;
    };
  }
}
