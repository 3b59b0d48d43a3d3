/* A C part of the library, so that both compiler wrappers are exercised. */

unsigned tally_checksum(long value) {
  unsigned sum = 0;
  for (unsigned long rest = (unsigned long)value; rest != 0; rest /= 10)
    sum = sum * 31 + (unsigned)(rest % 10);
  return sum;
}
