// node --test: the body a registration form sends (web/src/forms.js).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { appealBody, placeApiError } from '../src/forms.js'

const form = (over = {}) => ({
  title: ' 路灯不亮 ', content: ' 南门路灯坏了 ', category_id: 3, anonymous: false,
  name: ' 王女士 ', phone: ' 13800001234 ', address: '  ', ...over,
})

test('a named appeal: texts trimmed, the empty address left out, extra fields kept', () => {
  assert.deepEqual(appealBody(form(), 7, { channel: 'phone' }), {
    title: '路灯不亮', content: '南门路灯坏了', channel: 'phone', region_id: 7, category_id: 3,
    appellant: { anonymous: false, name: '王女士', phone: '13800001234' },
  })
})

test('an anonymous appeal carries no name, even if one was typed', () => {
  const body = appealBody(form({ anonymous: true, phone: '', address: ' 南门 ' }), 7)
  assert.deepEqual(body.appellant, { anonymous: true })
  assert.equal(body.address, '南门')
})

test('an API error goes under the field it names, through the aliases, or above the form', () => {
  const errors = {}
  assert.equal(placeApiError({ field: 'appellant.name', message: '请填写姓名' }, errors, ['name'], { 'appellant.name': 'name' }), '')
  assert.equal(errors.name, '请填写姓名')
  assert.equal(placeApiError({ field: null, message: '服务繁忙' }, errors, ['name']), '服务繁忙')
})
