// Demo reference data by code (docs/demo.md), read once through the API.
let cached = null;

export async function loadRefs(api) {
  if (cached) return cached;
  const byCode = (items) => Object.fromEntries(items.map((x) => [x.code, x]));
  const [regions, departments, categories] = await Promise.all([
    api('admin', 'GET', '/regions'),
    api('admin', 'GET', '/departments'),
    api('admin', 'GET', '/categories'),
  ]);
  cached = {
    region: byCode(regions.items),
    department: byCode(departments.items),
    category: byCode(categories.items),
  };
  return cached;
}

// The staff-side appeal with this receipt code (the coordinator sees the whole district).
export async function appealByReceipt(api, receiptCode) {
  const list = await api('coordinator', 'GET', `/appeals?q=${encodeURIComponent(receiptCode)}&page_size=100`)
    .catch(() => null);
  let hit = list?.items?.find((a) => a.receipt_code === receiptCode);
  for (let page = 1; !hit && page <= 20; page++) {
    const r = await api('coordinator', 'GET', `/appeals?page=${page}&page_size=100`);
    hit = r.items.find((a) => a.receipt_code === receiptCode);
    if (r.items.length < 100) break;
  }
  if (!hit) throw new Error(`no appeal with receipt code ${receiptCode}`);
  return api('coordinator', 'GET', `/appeals/${hit.id}`);
}
