// Package turkish holds the rules of the Turkish language that seedpress
// needs, with no I/O: casing (İ/ı), abbreviations, syllables and hyphenation
// points, collation, and the case endings of a number read aloud (3'te,
// 6'da). Stages and exporters both use it.
package turkish
