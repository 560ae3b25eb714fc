package textpos_test

import (
	"fmt"

	"github.com/rolecall/rolecall/internal/textpos"
)

func ExampleOffset() {
	text := "a😀b\r\nsecond"
	fmt.Println(textpos.Offset(text, 0, 3)) // after the emoji: two UTF-16 units, four bytes
	fmt.Println(textpos.Offset(text, 0, 2)) // the middle of its surrogate pair: its start
	fmt.Println(textpos.Position(text, 5))
	// Output:
	// 5
	// 1
	// 0 3
}
