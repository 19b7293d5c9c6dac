package segment

// Words counts the words of s: maximal runs of letters and digits (with
// their combining marks), where a run continues over
//
//   - an apostrophe (’ ' ʼ) between a letter or digit and a letter:
//     İnternet’in, 1996’da, ABD'de;
//   - a hyphen between letters or digits: e-posta, 3-1;
//   - a period between letters or digits: M.Ö, www.example.com, 16.551.000;
//   - a comma, colon or slash between digits: 3,5, 14:30, 29/05/2023;
//   - an at sign between letters or digits: ad@example.com.
//
// Punctuation alone is not a word. Words is the one word counter of
// seedpress: sentence spans and the dataset both use it.
func Words(s string) int { return wordsRunes([]rune(s)) }

func wordsRunes(rs []rune) int {
	n := 0
	in := false
	for i, r := range rs {
		switch {
		case isWordRune(r):
			if !in {
				n++
				in = true
			}
		case in && isMark(r):
			// Combining marks belong to the letter before them.
		case in && i+1 < len(rs) && joins(rs[i-1], r, rs[i+1]):
			// Inner connector: the word goes on.
		default:
			in = false
		}
	}
	return n
}

// joins reports whether connector c between prev and next keeps one word.
func joins(prev, c, next rune) bool {
	if !isWordRune(prev) && !isMark(prev) {
		return false
	}
	switch c {
	case '’', '\'', 'ʼ':
		return isLetter(next)
	case '-', '‐', '‑', '.', '@', '_':
		return isWordRune(next)
	case ',', ':', '/':
		return isDigit(prev) && isDigit(next)
	}
	return false
}
