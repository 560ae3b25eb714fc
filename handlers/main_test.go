package handlers

import (
	"testing"

	"github.com/rolecall/rolecall/internal/keychaintest"
)

// The tests run inside a private D-Bus session with a real Secret Service, for the keychain command
// (commands_keys_test.go).
func TestMain(m *testing.M) { keychaintest.Main(m) }
