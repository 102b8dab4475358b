import type { ReactNode } from 'react';

/** A whole-window page with one centred card: the single <main> and <h1> of the screen. */
export function Screen({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <main className="screen">
      <div className="screen__card">
        <h1 className="screen__title">{title}</h1>
        {children}
      </div>
    </main>
  );
}
