// Length limits the UI shows and enforces. They match the record schema in
// src-shared/records/schema.ts, which the services validate against.
export const MAX_NAME_CHARS = 64;
export const MAX_DESCRIPTION_CHARS = 500;
export const MAX_MESSAGE_CHARS = 4000;
