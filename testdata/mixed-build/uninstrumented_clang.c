/* Compiled by plain clang, without racegate: its stores are not seen. */
void plain_store(long *where, long value) { *where = value; }
