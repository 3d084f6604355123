// node --test: working-day arithmetic matches the server's deadlines (src/core/calendar.cpp).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { addWorkingDays, isWorkingDay, marksBetween, todayInChina, workingDaysBetween } from '../src/staff/workdays.js'

const marks = new Map(
  [
    ['2026-10-01', 'holiday', '国庆节'],
    ['2026-10-02', 'holiday', '国庆节'],
    ['2026-10-05', 'holiday', '国庆节'],
    ['2026-10-10', 'workday', '国庆节调休上班'],
  ].map(([day, kind, name]) => [day, { day, kind, name }]),
)

test('the start day does not count; weekends are skipped', () => {
  assert.equal(addWorkingDays('2026-11-20', 1, new Map()), '2026-11-23') // Friday → Monday
  // A dispatch on Thursday 2026-11-19 with 3 reply days was due at the end of Tuesday 2026-11-24 (demo data).
  assert.equal(addWorkingDays('2026-11-19', 3, new Map()), '2026-11-24')
})

test('holidays are skipped and make-up workdays count', () => {
  assert.equal(addWorkingDays('2026-09-30', 1, marks), '2026-10-06')
  assert.equal(isWorkingDay('2026-10-10', marks), true)
  assert.equal(addWorkingDays('2026-10-09', 1, marks), '2026-10-10')
  assert.equal(workingDaysBetween('2026-09-30', '2026-10-10', marks), 5)
})

test('the marks shown are those after the start day up to the end', () => {
  assert.deepEqual(
    marksBetween('2026-10-01', '2026-10-10', marks).map((m) => m.day),
    ['2026-10-02', '2026-10-05', '2026-10-10'],
  )
})

test('today is counted in China Standard Time', () => {
  assert.equal(todayInChina(new Date('2026-11-22T21:30:00Z')), '2026-11-23')
  assert.equal(todayInChina(new Date('2026-11-22T15:59:00Z')), '2026-11-22')
})

test('a deadline at local midnight reads as the end of the day before', async () => {
  const { formatDue } = await import('../src/labels.js')
  assert.equal(formatDue('2026-12-03T00:00:00+08:00'), '2026-12-02 24:00')
  assert.equal(formatDue('2026-03-01T00:00:00+08:00'), '2026-02-28 24:00')
  assert.equal(formatDue('2026-12-03T17:30:00+08:00'), '2026-12-03 17:30')
  assert.equal(formatDue(null), '—')
})
