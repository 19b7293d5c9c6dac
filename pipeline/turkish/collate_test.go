package turkish

import (
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"

	"golang.org/x/text/collate"
)

func TestCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"c", "ç", -1},
		{"ç", "d", -1},
		{"g", "ğ", -1},
		{"ğ", "h", -1},
		{"ı", "i", -1},
		{"I", "İ", -1},
		{"h", "ı", -1},
		{"o", "ö", -1},
		{"s", "ş", -1},
		{"ş", "t", -1},
		{"u", "ü", -1},
		{"ü", "v", -1},
		{"ÇAĞ", "CAN", 1},
		{"ICANN", "IETF", -1},
		{"kitap", "kitap", 0},
		{"z", "a", 1},
	}
	for _, tt := range tests {
		if got := Compare(tt.a, tt.b); got != tt.want {
			t.Errorf("Compare(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestSortStrings(t *testing.T) {
	got := []string{"ŞEK", "SEK", "İTÜ", "ITU", "ÇAY", "CAN", "ÜSK", "USK", "ODTÜ", "ÖSYM", "TDK"}
	want := []string{"CAN", "ÇAY", "ITU", "İTÜ", "ODTÜ", "ÖSYM", "SEK", "ŞEK", "TDK", "USK", "ÜSK"}
	sortStrings(got)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sortStrings = %q, want %q", got, want)
	}
}

// TestCompareConcurrent runs Compare from many goroutines; with -race it
// checks that collators are never shared.
func TestCompareConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 200 {
				if Compare("ılık", "ilik") != -1 {
					t.Error("Compare(ılık, ilik) != -1")
					return
				}
			}
		}()
	}
	wg.Wait()
}

func ExampleCompare() {
	s := []string{"şehir", "su", "ilik", "ılık", "çay", "cam"}
	slices.SortFunc(s, Compare)
	fmt.Println(s)
	// Output:
	// [cam çay ılık ilik su şehir]
}

// sortStrings sorts s in place by Turkish alphabetical order with one
// collator, as a check of Compare.
func sortStrings(s []string) {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	c.SortStrings(s)
}

func ExampleSorted() {
	type term struct{ acronym, expansion string }
	terms := []term{{"WHO", "Dünya Sağlık Örgütü"}, {"ÇAĞ", "Çağdaş Araştırmalar Grubu"}, {"CERN", "Avrupa Nükleer Araştırma Merkezi"}, {"İHA", "insansız hava aracı"}, {"IETF", "İnternet Mühendisliği Görev Grubu"}}
	for _, t := range Sorted(terms, func(t term) string { return t.acronym }) {
		fmt.Println(t.acronym)
	}
	// Output:
	// CERN
	// ÇAĞ
	// IETF
	// İHA
	// WHO
}
