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

/**
 * The JSON body of a new appeal from a registration form (texts trimmed, empty optional fields left
 * out); `extra` adds what only one of the forms has (the staff form's channel).
 */
export function appealBody(form, regionId, extra = {}) {
  const appellant = { anonymous: form.anonymous }
  if (!form.anonymous && form.name.trim()) appellant.name = form.name.trim()
  if (form.phone.trim()) appellant.phone = form.phone.trim()
  const body = {
    title: form.title.trim(),
    content: form.content.trim(),
    ...extra,
    region_id: regionId,
    category_id: form.category_id,
    appellant,
  }
  if (form.address.trim()) body.address = form.address.trim()
  return body
}

export const required = (message, trigger = ['blur', 'change']) => ({ required: true, message, trigger })
