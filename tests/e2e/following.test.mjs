// A deputy follows a case (issue 10): the coordinator dispatches an appeal naming deputy-s01; the deputy
// opens 我跟踪的 in the workbench, finds it, records a face-to-face contact in the 代表跟踪 card and sees it in
// the card and on the timeline; the deputies page shows the figures. Then an explain-route appeal named to
// the deputy: its detail tells the supervisor what is missing and offers no callback until the deputy explained.
import assert from 'node:assert/strict';
import { test } from './lib/registry.mjs';
import { registerAppeal } from './lib/appeals.mjs';
import { loadRefs } from './lib/refs.mjs';
import { click, fill } from './lib/ui.mjs';

const DEPUTY = 'deputy-s01';

test('a deputy opens 我跟踪的, records a contact and sees it on the timeline', async (h) => {
  const { page, api, login, waitFor, expectVisible, expectHidden, expectText, shot } = h;
  const refs = await loadRefs(api);
  const me = await api(DEPUTY, 'GET', '/auth/me');
  const title = `楼道扶手松动${Date.now() % 1_000_000}`;
  const id = await registerAppeal(api, refs, title);
  await api('coordinator', 'POST', `/appeals/${id}/dispatch`, { lead_unit_id: refs.department.housing.id, deputy_id: me.id });

  await login(page, DEPUTY);
  await expectVisible(page.getByTestId('tab-following'));
  await click(page, 'tab-following');
  await fill(page, 'filter-keyword', title);
  await click(page, 'filter-search');
  const link = page.getByTestId('appeal-link').filter({ hasText: title });
  await expectVisible(link, { what: `${title} in 我跟踪的` });
  await expectHidden(page.getByTestId('queue-table').locator('.el-loading-mask'), { what: 'the queue loaded' });
  await shot(page, 'following-queue.png');
  await link.click();
  await page.waitForURL(`**/appeals/${id}`);

  // The 代表跟踪 card: no contact yet; record one face to face.
  const card = page.getByTestId('deputy-following');
  await expectVisible(card);
  await expectText(page.getByTestId('following-deputy'), me.display_name);
  await click(page, 'record-contact');
  await expectVisible(page.getByTestId('contact-dialog'));
  await page.getByTestId('contact-method-face_to_face').click();
  await fill(page, 'contact-note', '在工作室当面听取群众意见，扶手已报物业');
  await click(page, 'contact-save');

  // The API has it, and the page shows it in the card and on the timeline.
  const appeal = await waitFor(async () => {
    const a = await api(DEPUTY, 'GET', `/appeals/${id}`);
    return a.deputy_contacts.length === 1 && a;
  }, { message: 'the contact is stored' });
  assert.equal(appeal.deputy_contacts[0].method, 'face_to_face');
  assert.equal(appeal.deputy_contacts[0].deputy_id, me.id);
  assert.equal(appeal.timeline.at(-1).action, 'deputy_contact');
  await expectText(page.getByTestId('deputy-contacts'), '扶手已报物业');
  const last = page.getByTestId('timeline-item').last();
  await expectText(last, '代表联系群众');
  await expectText(last, '方式：当面');
  await shot(page, 'following-detail.png');

  // A written opinion to the handling unit.
  await click(page, 'write-opinion');
  await fill(page, 'opinion-content', '建议物业一周内完成加固。');
  await click(page, 'opinion-save');
  await expectText(page.getByTestId('deputy-opinions'), '建议物业一周内完成加固');

  // The deputies page: the deputy's own figures.
  await click(page, 'menu-deputies');
  await expectVisible(page.getByTestId('deputies-table'));
  await expectText(page.getByTestId('deputies-table'), me.display_name);
  await shot(page, 'deputies.png');
});

test('an explain-route appeal waits for the deputy before its callback', async (h) => {
  const { page, api, login, expectVisible, expectText, expectHidden, shot } = h;
  const refs = await loadRefs(api);
  const me = await api(DEPUTY, 'GET', '/auth/me');
  const title = `要求绿地改停车位${Date.now() % 1_000_000}`;
  const id = await registerAppeal(api, refs, title, { category: 'road_facility' });
  await api('coordinator', 'POST', `/appeals/${id}/triage`, { route: 'explain', note: '绿地不得改作停车位', deputy_id: me.id });

  await login(page, 'supervisor');
  await page.goto(`${h.baseURL}/appeals/${id}`);
  await expectText(page.getByTestId('pending-step'), '代表当面或电话解释');
  await expectHidden(page.getByTestId('action-callback'));
  await shot(page, 'explain-pending.png');

  await api(DEPUTY, 'POST', `/appeals/${id}/deputy-contacts`, { method: 'phone', note: '电话解释政策，群众表示理解' });
  await page.reload();
  await expectVisible(page.getByTestId('action-callback'));
  await expectHidden(page.getByTestId('pending-step'));
});
