#include "tally/tally.h"

namespace tally {

std::string summarise(long hits) {
  return std::to_string(hits) + " hits (checksum " +
         std::to_string(tally_checksum(hits)) + ")";
}

} // namespace tally
