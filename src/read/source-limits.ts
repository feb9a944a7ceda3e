/** The largest file the tool reads. */
export const MAX_FILE_BYTES = 1024 * 1024;
