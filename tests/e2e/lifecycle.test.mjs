// The whole story: a resident submits on the portal, the coordinator dispatches, the handler accepts
// and replies, a dissatisfied callback reopens the appeal, the handler replies again, a satisfied callback
// closes it, the resident reads the whole story by receipt code, and the numbers change.
import assert from 'node:assert/strict';
import { test } from './lib/registry.mjs';
import { appealByReceipt, loadRefs } from './lib/refs.mjs';

const TITLE = '锦绣花园3栋楼道墙皮脱落';
const CONTENT = '朝阳社区锦绣花园3栋2单元楼道墙皮大面积脱落，老人孩子经过很危险，请尽快维修。';
const REPLY_1 = '已安排施工队于本周五前往锦绣花园3栋2单元查看，先行清理脱落墙皮。';
const REPLY_2 = '锦绣花园3栋2单元楼道墙面已全部铲除重新粉刷，经现场验收合格。';

function housingGroup(metrics, deptId) {
  const g = metrics.groups.find((x) => x.id === String(deptId));
  return g ? g.counts : { total: 0, closed: 0, reopened: 0, called_back: 0 };
}

test('submit, dispatch, reply, dissatisfied, reopen, reply again, satisfied, closed', async (h) => {
  const { api, page } = h;
  const refs = await loadRefs(api);
  const housing = refs.department.housing;
  const metricsBefore = await api('supervisor', 'GET', '/metrics?group_by=department');
  const before = housingGroup(metricsBefore, housing.id);

  // 1. The resident submits on the portal. (API until the portal form exists.)
  const submitted = await api(null, 'POST', '/public/appeals', {
    title: TITLE,
    content: CONTENT,
    region_id: refs.region.s01c01.id,
    category_id: refs.category.housing_quality.id,
    address: '朝阳社区锦绣花园3栋2单元',
    appellant: { name: '王女士', phone: '13800001234', anonymous: false },
  });
  const receipt = submitted.receipt_code;
  assert.ok(receipt, 'a receipt code');
  let appeal = await appealByReceipt(api, receipt);
  assert.equal(appeal.status, 'received');
  const id = appeal.id;

  // 2. The coordinator dispatches to the housing bureau. (API until the triage/dispatch dialog exists.)
  await api('coordinator', 'POST', `/appeals/${id}/dispatch`, { lead_unit_id: housing.id, note: '请住建局核查维修' });

  // 3. The handler accepts, contacts the resident and replies. (API until the handler actions exist.)
  await api('handler-housing', 'POST', `/appeals/${id}/accept`, { note: '已签收' });
  await api('handler-housing', 'POST', `/appeals/${id}/contact`, { note: '已电话联系王女士，约定查看时间', method: 'phone' });
  await api('handler-housing', 'POST', `/appeals/${id}/reply`, { content: REPLY_1 });

  // 4. The supervisor calls back: not resolved, dissatisfied → reopened. (API until the callback dialog exists.)
  await api('supervisor', 'POST', `/appeals/${id}/callback`, { resolved: false, satisfaction: 'dissatisfied', reason: '只清理了没有修' });
  appeal = await api('coordinator', 'GET', `/appeals/${id}`);
  assert.equal(appeal.status, 'reopened');
  assert.equal(appeal.reopen_count, 1);

  // 5. Dispatched again; the handler replies again.
  await api('coordinator', 'POST', `/appeals/${id}/dispatch`, { lead_unit_id: housing.id, note: '群众不满意，请彻底维修' });
  await api('handler-housing', 'POST', `/appeals/${id}/accept`, {});
  await api('handler-housing', 'POST', `/appeals/${id}/contact`, { note: '再次上门与王女士确认维修方案' });
  await api('handler-housing', 'POST', `/appeals/${id}/reply`, { content: REPLY_2 });

  // 6. A satisfied callback closes it.
  await api('supervisor', 'POST', `/appeals/${id}/callback`, { resolved: true, satisfaction: 'satisfied' });
  appeal = await api('coordinator', 'GET', `/appeals/${id}`);
  assert.equal(appeal.status, 'closed');

  // 7. The resident reads the whole story by receipt code on the portal.
  const story = await api(null, 'GET', `/public/appeals/${receipt}`);
  assert.equal(story.status, 'closed');
  assert.equal(story.replies.length, 2);
  await page.goto('/portal');

  // 8. The numbers: the housing bureau has one more appeal, closed, reopened once.
  const after = housingGroup(await api('supervisor', 'GET', '/metrics?group_by=department'), housing.id);
  assert.equal(after.total, before.total + 1, 'housing total +1');
  assert.equal(after.closed, before.closed + 1, 'housing closed +1');
  assert.equal(after.reopened, before.reopened + 1, 'housing reopened +1');
});
