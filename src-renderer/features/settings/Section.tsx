import { useId, type ReactNode } from 'react';

/** One group of settings under its own heading, so screen-reader users can jump between them. */
export function Section({
  title,
  children,
  testId,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
}) {
  const id = useId();
  return (
    <section className="settings__section stack" aria-labelledby={id} data-testid={testId}>
      <h3 id={id} className="settings__heading">
        {title}
      </h3>
      {children}
    </section>
  );
}
