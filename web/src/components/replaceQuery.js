// Writes a page's own state (tab, page, filters) into the address bar without a router navigation. A
// router.replace() here would cancel a navigation the user started meanwhile (a menu click while the page
// was still loading: the click seemed to do nothing). `updates` are merged into the address bar's query
// (undefined or '' removes one); nothing is written once another page is shown.
export function replaceQuery(router, routeName, updates) {
  const current = router.currentRoute.value
  if (current.name !== routeName) return
  const query = Object.fromEntries(new URLSearchParams(window.location.search))
  for (const [key, value] of Object.entries(updates)) {
    if (value === undefined || value === null || value === '') delete query[key]
    else query[key] = String(value)
  }
  const href = router.resolve({ name: routeName, params: current.params, query }).href
  window.history.replaceState(window.history.state, '', href)
}
