// Fixes of Element Plus's markup that axe-core (tests/e2e, WCAG 2.1 A/AA) reports, made once for every page.
//
// el-cascader sets aria-expanded on its text input when its panel opens, but a plain text input may not carry
// aria-expanded (axe aria-allowed-attr, critical). The input acts as a combobox, so it is given that role and
// an initial aria-expanded="false"; Element keeps aria-expanded current from then on.
export const elementA11y = {
  mounted() {
    if (this.$options.name !== 'ElCascader') return
    // The cascader's root is a tooltip fragment; its el-input is the template ref `inputRef`.
    const input = this.$refs?.inputRef?.input
    if (!input) return
    input.setAttribute('role', 'combobox')
    if (!input.hasAttribute('aria-expanded')) input.setAttribute('aria-expanded', 'false')
  },
}
