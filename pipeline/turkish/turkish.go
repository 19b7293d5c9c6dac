// Package turkish holds the rules of the Turkish language that seedpress
// needs, with no I/O: casing (İ/ı), abbreviations, syllables and hyphenation
// points, and collation. Stages and exporters both use it.
package turkish
