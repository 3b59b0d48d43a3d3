#include "TsanPattern.h"

#include <vector>

namespace racegate {

static std::vector<std::string_view> splitAtStars(std::string_view pattern) {
  std::vector<std::string_view> pieces;
  size_t begin = 0;
  for (size_t star; (star = pattern.find('*', begin)) != std::string_view::npos;
       begin = star + 1)
    pieces.push_back(pattern.substr(begin, star - begin));
  pieces.push_back(pattern.substr(begin));
  return pieces;
}

bool matchesTsanPattern(std::string_view pattern, std::string_view text) {
  if (text.empty())
    return false;
  bool anchoredStart = pattern.starts_with('^');
  if (anchoredStart)
    pattern.remove_prefix(1);
  bool anchoredEnd = pattern.ends_with('$');
  if (anchoredEnd)
    pattern.remove_suffix(1);

  std::vector<std::string_view> pieces = splitAtStars(pattern);
  std::string_view first = pieces.front();
  std::string_view last = pieces.back();
  bool isSinglePiece = pieces.size() == 1;

  // Pin the anchored ends first; the pieces between them are then found
  // leftmost-first in what remains, which is optimal for `*` separators.
  size_t begin = 0;
  size_t end = text.size();
  if (anchoredStart) {
    if (!text.starts_with(first))
      return false;
    begin = first.size();
  }
  if (anchoredEnd) {
    if (isSinglePiece && anchoredStart)
      return text.size() == first.size();
    if (text.size() < begin + last.size() || !text.ends_with(last))
      return false;
    end = text.size() - last.size();
  }

  size_t firstMiddle = anchoredStart ? 1 : 0;
  size_t endMiddle = pieces.size() - (anchoredEnd ? 1 : 0);
  for (size_t index = firstMiddle; index < endMiddle; ++index) {
    std::string_view piece = pieces[index];
    size_t found = text.substr(begin, end - begin).find(piece);
    if (found == std::string_view::npos)
      return false;
    begin += found + piece.size();
  }
  return true;
}

} // namespace racegate
