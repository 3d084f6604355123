// node --test: the .xlsx writer produces a valid zip whose parts hold the cells.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { inflateRawSync } from 'node:zlib'
import { buildXlsx } from '../src/dashboard/xlsx.js'

// Reads a stored (uncompressed) zip through its central directory.
function unzip(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const end = bytes.length - 22
  assert.equal(view.getUint32(end, true), 0x06054b50)
  const count = view.getUint16(end + 10, true)
  let at = view.getUint32(end + 16, true)
  const files = {}
  for (let i = 0; i < count; i++) {
    assert.equal(view.getUint32(at, true), 0x02014b50)
    const method = view.getUint16(at + 10, true)
    const size = view.getUint32(at + 20, true)
    const nameLength = view.getUint16(at + 28, true)
    const offset = view.getUint32(at + 42, true)
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength))
    const localNameLength = view.getUint16(offset + 26, true)
    const data = bytes.subarray(offset + 30 + localNameLength, offset + 30 + localNameLength + size)
    files[name] = new TextDecoder().decode(method === 0 ? data : inflateRawSync(data))
    at += 46 + nameLength
  }
  return files
}

test('a workbook with two sheets, strings escaped and numbers as numbers', () => {
  const files = unzip(
    buildXlsx([
      { name: '部门排名', rows: [['名称', '满意率(%)'], ['区水务局 <&>', 97.5], ['空', null]] },
      { name: 'a/b', rows: [['x']] },
    ]),
  )
  assert.deepEqual(Object.keys(files).sort(), [
    '[Content_Types].xml',
    '_rels/.rels',
    'xl/_rels/workbook.xml.rels',
    'xl/workbook.xml',
    'xl/worksheets/sheet1.xml',
    'xl/worksheets/sheet2.xml',
  ])
  assert.match(files['xl/workbook.xml'], /<sheet name="部门排名" sheetId="1"/)
  assert.match(files['xl/workbook.xml'], /<sheet name="a b" sheetId="2"/)
  assert.match(files['xl/worksheets/sheet1.xml'], /<c r="A2" t="inlineStr"><is><t xml:space="preserve">区水务局 &lt;&amp;&gt;<\/t><\/is><\/c><c r="B2"><v>97.5<\/v><\/c>/)
  assert.doesNotMatch(files['xl/worksheets/sheet1.xml'], /r="B3"/)
})
