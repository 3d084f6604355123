// The state of an add/edit form: its values, the API errors placed next to their field (placeApiError) or
// above the form, and whether it is saving.
import { reactive, ref } from 'vue'
import { clearErrors, placeApiError } from '../forms'

/**
 * `blank()` gives the form's empty values; `fields` are the names an API error may stand under (default:
 * the keys of blank()), `aliases` maps API field names to form names.
 */
export function useForm(blank, { fields = Object.keys(blank()), aliases = {} } = {}) {
  const form = reactive(blank())
  const fieldErrors = reactive({})
  const error = ref('')
  const saving = ref(false)

  /** Sets the form to blank() overlaid with `values`, without errors. */
  function reset(values = {}) {
    Object.assign(form, blank(), values)
    clearErrors(fieldErrors)
    error.value = ''
  }

  /** Runs `send()`; resolves to true when it succeeded, false when its error was placed. */
  async function submit(send) {
    clearErrors(fieldErrors)
    error.value = ''
    saving.value = true
    try {
      await send()
      return true
    } catch (e) {
      error.value = placeApiError(e, fieldErrors, fields, aliases)
      return false
    } finally {
      saving.value = false
    }
  }

  return { form, fieldErrors, error, saving, reset, submit }
}
