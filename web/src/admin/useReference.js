// The admin tabs show and change the reference data every page reads from the store (regions, departments,
// categories): loaded with a loading and an error state, loaded afresh after a change.
import { onMounted, reactive } from 'vue'
import { useReferenceStore } from '../stores/reference'

export function useReference() {
  const reference = useReferenceStore()
  const state = reactive({ loading: false, error: '' })

  async function load(fresh = false) {
    if (fresh) reference.loaded = false
    state.loading = true
    state.error = ''
    try {
      await reference.load()
    } catch (e) {
      state.error = e.message
    } finally {
      state.loading = false
    }
  }

  onMounted(() => load())
  return { reference, state, reload: () => load(true) }
}
