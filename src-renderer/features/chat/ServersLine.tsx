/**
 * Which signaling servers the circle uses and which answer now: Hearth uses every one that answers,
 * so a circle with two keeps working when one is down (issue 18).
 */
export function ServersLine({
  servers,
}: {
  servers: { all: readonly string[]; answering: readonly string[] };
}) {
  if (servers.all.length === 0) return null;
  const answering = new Set(servers.answering);
  return (
    <div className="servers-line" data-testid="servers-line">
      <h4 className="popover__subtitle">Signaling servers</h4>
      <ul>
        {servers.all.map((url) => (
          <li key={url} data-testid="server-item" data-answering={answering.has(url)}>
            <code>{url}</code> {answering.has(url) ? 'answers' : 'does not answer now'}
          </li>
        ))}
      </ul>
    </div>
  );
}
