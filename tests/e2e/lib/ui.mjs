// Element Plus widgets by their data-test attribute. Element Plus puts a component's extra attributes on the
// native <input>/<textarea> for el-input and on the wrapper for el-select, el-radio and el-switch, so these
// helpers accept either.

// The native input/textarea named by data-test (on the element itself or inside it).
export function field(page, testId) {
  const el = page.getByTestId(testId);
  return el.locator('input, textarea').or(page.locator(`input[data-test="${testId}"], textarea[data-test="${testId}"]`)).first();
}

export async function fill(page, testId, value) {
  await field(page, testId).fill(value);
}

function exact(text) {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

// Opens the el-select named by data-test and picks the option whose label is `label` (exactly), then
// waits until the select shows it (as its value, or as a tag of a multiple select). On a loaded machine a
// click can land while the select or its dropdown is still settling and be lost (the dropdown stays shut, or
// the option's click does not take), so the whole pick is tried up to three times.
export async function choose(page, testId, label) {
  const select = page.getByTestId(testId).first();
  const shown = select.locator('.el-select__placeholder:not(.is-transparent), .el-tag').filter({ hasText: exact(label) });
  const option = page.locator('.el-select-dropdown__item:visible').filter({ hasText: exact(label) }).first();
  for (let attempt = 1; ; attempt++) {
    let why = '';
    await select.click();
    const opened = await option.waitFor({ state: 'visible', timeout: 5000 }).then(() => true, () => false);
    if (opened) {
      await option.click();
      await option.waitFor({ state: 'hidden', timeout: 2000 }).catch(() => {}); // a multiple select stays open
      if (await shown.first().waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false)) break;
      why = 'it does not show it after the click';
    } else {
      why = `no option "${label}" appeared in its dropdown`;
    }
    if (attempt === 3) throw new Error(`the select ${testId} refuses "${label}" three times: ${why}`);
    // Close a dropdown left open; never press Escape without one, which would close the dialog around the select.
    if (await page.locator('.el-select-dropdown:visible').count()) await page.keyboard.press('Escape');
  }
  if (await page.locator('.el-select-dropdown__item:visible').count()) await page.keyboard.press('Escape');
}

// A filterable el-cascader inside `scope` (a locator): types `search` and picks the suggestion whose text
// contains `label` (suggestions read "东湖街道 / 朝阳社区"). el-cascader drops data-test, so the page wraps it.
export async function chooseInCascader(page, scope, search, label = search) {
  const input = scope.locator('.el-cascader input').first();
  await input.click();
  await input.fill(search);
  await page.locator('.el-cascader__suggestion-item:visible').filter({ hasText: label }).first().click();
}

// The validation or API error Element Plus shows under the form item holding the field `testId`.
export function fieldError(page, testId) {
  return page.locator('.el-form-item', { has: page.getByTestId(testId) }).locator('.el-form-item__error');
}

// Clicks a data-test element (radio, button, link) and returns nothing.
export async function click(page, testId) {
  await page.getByTestId(testId).first().click();
}

// Clicks `trigger` (a locator) and confirms the Element Plus message box it opens. On a loaded machine a click can
// be lost while the list around the trigger re-renders (seen once in the admin's users table), so the click is
// tried up to three times until the box shows; a box that opens late is not clicked through twice.
export async function clickAndConfirm(page, trigger) {
  const confirm = page.locator('.el-message-box__btns .el-button--primary');
  for (let attempt = 1; ; attempt++) {
    await trigger.click({ timeout: attempt === 1 ? undefined : 5000 }).catch((e) => {
      if (attempt === 1) throw e;
    });
    if (await confirm.waitFor({ state: 'visible', timeout: 8000 }).then(() => true, () => false)) break;
    if (attempt === 3) throw new Error('no confirmation box opened after three clicks');
  }
  await confirm.click();
}

// The appeal detail page's action dialogs (ActionDialog.vue): open one by its button, submit it and see
// it close, wait for the status tag. `h` is the test's helper object.
export function actionDialogs(h) {
  const { waitFor, expectVisible, expectHidden } = h;
  const dialogOf = (page) => page.locator('.el-dialog').filter({ has: page.getByTestId('action-submit') });
  return {
    dialogOf,
    async status(page, expected) {
      await waitFor(async () => (await page.getByTestId('appeal-status').first().getAttribute('data-status')) === expected,
        { message: `appeal status ${expected}` });
    },
    async open(page, action) {
      await click(page, `action-${action}`);
      await expectVisible(dialogOf(page), { what: `the ${action} dialog` });
    },
    async submit(page, action) {
      await click(page, 'action-submit');
      await expectHidden(dialogOf(page), { what: `the ${action} dialog closing` });
    },
  };
}
