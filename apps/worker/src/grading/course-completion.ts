/** Course completion, shared with the API (issue 7): the rule and its evaluation in a transaction. */
export { evaluateCompletion } from '@baanrian/learning';
