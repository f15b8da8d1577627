// A tiny element builder: h('button', { testid: 'x', onclick }, 'text', child…).
// Attributes: `testid` → data-testid, `class`, `on<event>` listeners, `dataset`, booleans.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue
    if (name === 'testid') el.dataset.testid = value
    else if (name === 'dataset') Object.assign(el.dataset, value)
    else if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value)
    else if (name === 'value') el.value = value
    else if (name === 'checked') el.checked = Boolean(value)
    else if (value === true) el.setAttribute(name, '')
    else el.setAttribute(name, String(value))
  }
  append(el, children)
  return el
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue
    el.append(child instanceof Node ? child : document.createTextNode(String(child)))
  }
  return el
}

/** Replace everything inside `el` with `children`. */
export function fill(el, ...children) {
  el.replaceChildren()
  return append(el, children)
}
