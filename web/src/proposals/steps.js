// The colour of a proposal's step tag (the step's label comes from the API).
export const STEP_TAG = {
  draft: 'info',
  submitted: 'warning',
  assigned: 'primary',
  answer_drafted: 'warning',
  answered: 'success',
  awaiting_follow_up: 'warning',
  closed: 'success',
}
