package typstsrc_test

import (
	"fmt"

	"github.com/seedpress/seedpress/internal/typstsrc"
)

func ExampleEscape() {
	fmt.Println(typstsrc.Escape("1999. yılda #1 oldu: *yıldız* ve e-posta"))
	fmt.Println(typstsrc.Str(`"tırnak" \ ters`))
	// Output:
	// 1999\. yılda \#1 oldu: \*yıldız\* ve e\-posta
	// "\"tırnak\" \\ ters"
}
