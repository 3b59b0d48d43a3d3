#pragma once

#include <string_view>

namespace racegate {

// ThreadSanitizer's suppression pattern rules: `*` matches any run of
// characters, a leading `^` anchors the pattern at the start of the text and
// a trailing `$` at its end; without anchors the pattern may match anywhere
// (a substring match). Like TSan, an empty text never matches.
//
// TSan finds each `*`-separated piece with a leftmost search, which can miss
// an end-anchored match ("a$" fails on "aba"); this matcher places the last
// piece at the end instead, so anchored patterns mean what they say.
bool matchesTsanPattern(std::string_view pattern, std::string_view text);

} // namespace racegate
