/**
 * A screen's code split off like `React.lazy`, with a `preload()`; once the code has
 * arrived the screen renders at once. (A `React.lazy` component suspends on its first
 * render even when its code is already here, and React 19 then holds the content back for
 * up to 300 ms after the fallback was shown: a page opened directly waited twice for it,
 * the shell's and the page's.)
 */
import { lazy, type ComponentType } from 'react';

type Module<P> = { default: ComponentType<P> };

export interface LazyScreen<P> {
  (props: P): React.JSX.Element;
  /** Fetch the code now (once); resolves when it has arrived. */
  preload: () => Promise<Module<P>>;
}

export function lazyScreen<P extends object>(load: () => Promise<Module<P>>): LazyScreen<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<Module<P>> | undefined;
  const preload = () =>
    (pending ??= load().then((module) => {
      loaded = module.default;
      return module;
    }));
  const Lazy = lazy(preload);
  function Screen(props: P) {
    const Loaded = loaded;
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />;
  }
  return Object.assign(Screen, { preload });
}
