// Appeals driven through the API to the state a test starts from (demo users and codes: docs/demo.md).

// Registers an appeal (as the registrar) and returns its id.
export async function registerAppeal(api, refs, title, {
  region = 's01c01',
  category = 'housing_quality',
  channel = 'phone',
  appellant = { name: '郑先生', phone: '13800008642', anonymous: false },
} = {}) {
  const a = await api('registrar', 'POST', '/appeals', {
    title,
    content: `${title}，请相关部门尽快处理。`,
    channel,
    region_id: refs.region[region].id,
    category_id: refs.category[category].id,
    appellant,
  });
  return a.id;
}

// Dispatches the appeal (as the coordinator) to the department with this code.
export async function dispatchAppeal(api, refs, id, department = 'housing') {
  await api('coordinator', 'POST', `/appeals/${id}/dispatch`, { lead_unit_id: refs.department[department].id });
}

// Takes a dispatched appeal to `replied`: the handler accepts, contacts the resident and replies.
export async function replyToAppeal(api, id, handler = 'handler-housing', content = '已安排维修，本周内完成。') {
  await api(handler, 'POST', `/appeals/${id}/accept`, {});
  await api(handler, 'POST', `/appeals/${id}/contact`, { note: '已电话联系诉求人' });
  await api(handler, 'POST', `/appeals/${id}/reply`, { content });
}
