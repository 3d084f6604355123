// Lists loaded from the API, with their loading and error state. A reply that arrives after a newer request
// was sent is dropped, so quick filter changes never leave an older list on the screen.
import { reactive } from 'vue'

function loader(list, fetch, apply) {
  let latest = 0
  return async function load() {
    const ticket = ++latest
    list.loading = true
    list.error = ''
    let result = null
    try {
      result = await fetch()
    } catch (e) {
      if (ticket === latest) list.error = e.message
    }
    if (ticket !== latest) return
    apply(result) // null after an error: the list is emptied
    list.loading = false
  }
}

/** A whole list (small reference lists): `fetch()` resolves to the array of rows. */
export function useList(fetch) {
  const list = reactive({ rows: [], loading: false, error: '' })
  list.load = loader(list, fetch, (rows) => {
    list.rows = rows || []
  })
  return list
}

/**
 * A list paged on the server: `fetchPage({page, page_size})` resolves to the API's `{items, total}`.
 * `load()` fetches the current page, `go(page)` another one; set `page = 1` before loading when a filter changed.
 */
export function usePagedList(fetchPage, { page = 1, pageSize = 20 } = {}) {
  const list = reactive({ rows: [], total: 0, page, pageSize, loading: false, error: '' })
  list.load = loader(list, () => fetchPage({ page: list.page, page_size: list.pageSize }), (result) => {
    list.rows = result?.items || []
    list.total = result?.total || 0
    // Rows that left the list (handled elsewhere) can empty the last page: show the one before it.
    if (!list.rows.length && list.page > 1 && list.total > 0) {
      list.page = Math.ceil(list.total / list.pageSize)
      list.load()
    }
  })
  list.go = (to) => {
    list.page = to
    return list.load()
  }
  return list
}
