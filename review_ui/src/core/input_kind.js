// What the user types with. Keyboard shortcuts are only worth mentioning where a hardware
// keyboard is likely: a mouse-like pointer that can hover (a phone or tablet has neither).

/** True where a fine pointer that hovers is present, so a hint like "按 c 键" makes sense. */
export function keyboardLikely(win = globalThis) {
  return Boolean(win.matchMedia?.('(hover: hover) and (pointer: fine)').matches)
}
