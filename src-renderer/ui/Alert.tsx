/** A form-level problem, announced at once. Renders nothing when there is no message. */
export function Alert({
  id,
  message,
  testId,
}: {
  id?: string;
  message: string | null;
  testId?: string;
}) {
  if (!message) return null;
  return (
    <p className="alert" role="alert" id={id} data-testid={testId}>
      {message}
    </p>
  );
}
