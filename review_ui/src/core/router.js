// Paths are the app's own (/, /review/12): the server answers index.html for each of them.
const listeners = new Set()

export function currentPath() {
  return window.location.pathname
}

export function navigate(path, { replace = false } = {}) {
  if (path === currentPath() + window.location.search) return
  if (replace) window.history.replaceState({}, '', path)
  else window.history.pushState({}, '', path)
  for (const listener of listeners) listener(path)
}

export function onNavigate(listener) {
  listeners.add(listener)
  window.addEventListener('popstate', () => listener(currentPath()))
}

/** A link that navigates inside the app without a reload. */
export function linkHandler(path) {
  return (event) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return
    event.preventDefault()
    navigate(path)
  }
}

/** Match `path` against patterns like "/review/:id"; returns the params or null. */
export function match(pattern, path) {
  const names = []
  const regex = new RegExp(
    `^${pattern.replace(/:(\w+)/g, (_, name) => {
      names.push(name)
      return '([^/]+)'
    })}/?$`,
  )
  const found = regex.exec(path)
  if (!found) return null
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1])]))
}
