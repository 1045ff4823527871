export { assessCompletion, type CompletionAssessment } from './completion.rule';
export { evaluateCompletion, type CompletionOutcome } from './completion';
