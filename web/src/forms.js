// Small helpers shared by the forms: API field errors next to their field, validation rules.

/** Clears `fieldErrors`; returns nothing. */
export function clearErrors(fieldErrors) {
  for (const key of Object.keys(fieldErrors)) delete fieldErrors[key]
}

/**
 * Puts an ApiError on the field it names when the form has that field (`aliases` maps API names to form
 * names); returns the message to show above the form otherwise ('' when it went to a field).
 */
export function placeApiError(error, fieldErrors, fields, aliases = {}) {
  const field = aliases[error.field] || error.field
  if (field && fields.includes(field)) {
    fieldErrors[field] = error.message
    return ''
  }
  return error.message
}

export const required = (message, trigger = ['blur', 'change']) => ({ required: true, message, trigger })
