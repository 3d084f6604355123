// A detail page's record: GET `path(id)` whenever the route's :id changes (with the reference data), kept in
// `item`; a 404 shows `missing` (the record does not exist or is outside the caller's scope). `load()` reads
// it again; a step's answer may be put straight into `item`.
import { ref, watch } from 'vue'
import { useRoute } from 'vue-router'
import { api } from '../api'
import { useReferenceStore } from '../stores/reference'

export function useDetail(path, missing) {
  const route = useRoute()
  const reference = useReferenceStore()
  const item = ref(null)
  const loading = ref(true)
  const error = ref('')

  async function load() {
    error.value = ''
    try {
      item.value = await api.get(path(route.params.id))
    } catch (e) {
      error.value = e.status === 404 ? missing : e.message
      item.value = null
    } finally {
      loading.value = false
    }
  }
  watch(
    () => route.params.id,
    (id) => {
      if (!id) return
      loading.value = true
      reference.load().catch(() => {})
      load()
    },
    { immediate: true },
  )
  return { item, loading, error, load }
}
