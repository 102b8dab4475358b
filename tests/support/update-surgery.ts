// What a hostile peer can put in a Yjs update that no Yjs API call makes: an update is decoded
// into its structs, a test changes them (another content, a map key inside an array), and they
// are written back as a V1 update, the way Yjs's own encoder writes them.
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** The structs of a V1 update, as Yjs decodes them (Items, GCs, Skips). */
export function decodeStructs(update: Uint8Array): Y.Item[] {
  return (Y.decodeUpdate(update) as unknown as { structs: Y.Item[] }).structs;
}

/** Writes structs (each client's in clock order, without gaps) as a V1 update with no deletes. */
export function encodeStructs(structs: readonly Y.Item[]): Uint8Array {
  const byClient = new Map<number, Y.Item[]>();
  for (const struct of structs) {
    const run = byClient.get(struct.id.client) ?? [];
    run.push(struct);
    byClient.set(struct.id.client, run);
  }
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  for (const [client, run] of byClient) {
    encoding.writeVarUint(encoder.restEncoder, run.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, run[0]!.id.clock);
    for (const struct of run) struct.write(encoder, 0);
  }
  encoding.writeVarUint(encoder.restEncoder, 0); // no deletes
  return encoder.toUint8Array();
}

/** The update with its last item's content replaced by `content` (same length of 1). */
export function withLastContent(update: Uint8Array, content: Y.Item['content']): Uint8Array {
  const structs = decodeStructs(update);
  structs.at(-1)!.content = content;
  return encodeStructs(structs);
}
