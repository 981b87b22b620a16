/**
 * @module adapters/ui/components/use-change-keys
 * Next/previous change from the keyboard (j/k or n/p), over the chips currently shown, in
 * reading order. Works on the DOM so that filtering needs no extra bookkeeping.
 */
import { useCallback, useEffect, useState } from 'react';

export function useChangeKeys(): { current: string | null; move: (step: 1 | -1) => void; jump: (id: string) => void } {
  const [current, setCurrent] = useState<string | null>(null);

  /** Makes one chip current and brings it into view (a link to one finding, `#change-3`). */
  const jump = useCallback((id: string) => {
    const el = document.getElementById(id);
    if (!el) return;
    setCurrent(id);
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'center' });
  }, []);

  const move = useCallback((step: 1 | -1) => {
    const chips = Array.from(document.querySelectorAll<HTMLElement>('[data-change]'));
    if (chips.length === 0) return;
    setCurrent((prev) => {
      const at = prev ? chips.findIndex((el) => el.id === prev) : -1;
      const next = at < 0 ? (step > 0 ? 0 : chips.length - 1) : Math.min(chips.length - 1, Math.max(0, at + step));
      const el = chips[next];
      el.focus({ preventScroll: true });
      el.scrollIntoView({ block: 'center', behavior: 'smooth' });
      return el.id;
    });
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      if (e.key === 'j' || e.key === 'n') {
        e.preventDefault();
        move(1);
      } else if (e.key === 'k' || e.key === 'p') {
        e.preventDefault();
        move(-1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [move]);

  return { current, move, jump };
}
