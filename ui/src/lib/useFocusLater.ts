import { useCallback, useEffect, useState } from 'react';

/**
 * Moves focus to an element by id once it is on the page: after the render that an action
 * caused (a button that replaces another, a panel that closes). Returns `focusLater(id)`; an
 * optional fallback id is used when the first is missing or disabled after that render.
 */
export function useFocusLater(): (id: string, fallback?: string) => void {
  const [target, setTarget] = useState<{ id: string; fallback?: string } | null>(null);
  useEffect(() => {
    if (!target) return;
    const usable = (id: string | undefined) => {
      const el = id ? (document.getElementById(id) as (HTMLElement & { disabled?: boolean }) | null) : null;
      return el && !el.disabled ? el : null;
    };
    // One try per request (each is a new object): the element is there after the render, or it is gone for good.
    (usable(target.id) ?? usable(target.fallback))?.focus();
  }, [target]);
  return useCallback((id: string, fallback?: string) => setTarget({ id, fallback }), []);
}
