import test from 'node:test'
import assert from 'node:assert/strict'

import { csrfToken, isOwnOrigin, withCsrf, CSRF_HEADER } from '../src/core/csrf.js'

const HERE = 'http://kejian.school.cn/review/3'
globalThis.location = new URL(HERE)

test('the token is read from its cookie among others', () => {
  assert.equal(csrfToken('a=1; kejian_csrf=abc%3D; b=2'), 'abc=')
  assert.equal(csrfToken('kejian_session=x'), '')
  assert.equal(csrfToken(''), '')
})

test('only our own origin counts', () => {
  assert.equal(isOwnOrigin('/api/uploads/1/parts/2', HERE), true)
  assert.equal(isOwnOrigin('http://kejian.school.cn/api/x', HERE), true)
  assert.equal(isOwnOrigin('http://minio.school.cn:9000/kejian/x?X-Amz-Signature=1', HERE), false)
  assert.equal(isOwnOrigin('//evil.example/x', HERE), false)
})

test('writes to our API carry the token; reads and other origins do not', () => {
  const cookies = 'kejian_csrf=tok'
  assert.deepEqual(withCsrf('POST', '/api/auth/logout', { Accept: 'json' }, cookies), { Accept: 'json', [CSRF_HEADER]: 'tok' })
  assert.deepEqual(withCsrf('put', '/api/uploads/1/parts/1', {}, cookies), { [CSRF_HEADER]: 'tok' })
  assert.deepEqual(withCsrf('DELETE', '/api/uploads/1', {}, cookies), { [CSRF_HEADER]: 'tok' })
  assert.deepEqual(withCsrf('GET', '/api/recordings', {}, cookies), {})
  assert.deepEqual(withCsrf('PUT', 'http://minio.school.cn:9000/kejian/p1', {}, cookies), {})
  assert.deepEqual(withCsrf('POST', '/api/auth/login', {}, ''), {}, 'no session yet, no token')
})
