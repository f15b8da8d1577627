// Keyset paging (issue 21): a list that grows answers a page and, in the X-Next-After header, the
// cursor of the page after it (absent on the last). The next page is the same query with
// `after=<cursor>`; offsets are never sent, so rows added while someone reads do not shift the pages.

export const NEXT_HEADER = 'X-Next-After'

/** The cursor of the next page from a response's headers, or null on the last page. */
export function nextCursor(headers) {
  const value = headers?.get?.(NEXT_HEADER)
  return value ? value : null
}

/** `params` for the page after `after` (the first page when null); never an offset. */
export function withCursor(params, after = null) {
  const { offset: _offset, after: _after, ...rest } = params
  return after ? { ...rest, after } : rest
}

/** A "更多" pager: the cursor to ask with next, and whether there is more to ask for. */
export function firstMore() {
  return { after: null, more: false }
}

export function afterPage(pager, next) {
  return { after: next, more: next !== null }
}

/**
 * Wire a "更多" button: a click hides it (one request per click) and runs `fetchPage()`, which shows
 * it again when there is a next page; if the request fails, it comes back while `hasMore()` says so.
 */
export function onMore(button, fetchPage, hasMore) {
  button.addEventListener('click', () => {
    button.hidden = true
    fetchPage().catch(() => {
      button.hidden = !hasMore()
    })
  })
}
