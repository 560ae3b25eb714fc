package keychain

import (
	"testing"

	"github.com/rolecall/rolecall/internal/keychaintest"
)

func TestMain(m *testing.M) { keychaintest.Main(m) }
