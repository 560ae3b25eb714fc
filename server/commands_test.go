package server_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/internal/lsptest"
	"github.com/rolecall/rolecall/server"
)

type greetArg struct {
	Name  string `json:"name"`
	Times int    `json:"times"`
}

func (a *greetArg) Validate() error {
	if a.Times < 0 {
		return errors.New("needs times to be 0 or more")
	}
	return nil
}

// A typed command decodes its one argument the same way for every command: the zero value when it is
// omitted or null, InvalidParams naming the command and the expected shape (never the argument's
// content) when it is not one object of that shape or fails validation, and the handler's own error
// (RequestFailed with data) otherwise.
func TestTypedCommandArguments(t *testing.T) {
	const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	h := newHarnessWith(t, nil, func(srv *server.Server) {
		server.HandleCommand(srv, "test.greet", func(_ context.Context, arg *greetArg) (string, error) {
			if arg.Name == "nobody" {
				return "", server.NewError(server.CodeRequestFailed, "nobody is there").WithData(map[string]string{"reason": "no-one"})
			}
			return strings.Repeat("hello "+arg.Name+"!", arg.Times), nil
		})
	})
	h.Initialize(nil)
	var got string
	if err := h.ExecuteCommand("test.greet", map[string]any{"name": "jo", "times": 2}, &got); err != nil || got != "hello jo!hello jo!" {
		t.Fatalf("test.greet = %q, %v", got, err)
	}
	for _, args := range [][]any{nil, {nil}, {map[string]any{}}} {
		got = "unset"
		params := map[string]any{"command": "test.greet"}
		if args != nil {
			params["arguments"] = args
		}
		if err := h.Request(protocol.MethodWorkspaceExecuteCommand, params, &got); err != nil || got != "" {
			t.Errorf("arguments %v: %q, %v; want the zero argument", args, got, err)
		}
	}

	const shape = `{"name": string, "times": number}`
	bad := map[string][]any{
		"two arguments":  {map[string]any{"name": "jo"}, map[string]any{"name": secret}},
		"a string":       {secret},
		"a field's type": {map[string]any{"name": secret, "times": "twice"}},
		"an array":       {[]string{secret}},
		"fails Validate": {map[string]any{"name": secret, "times": -1}},
	}
	for what, args := range bad {
		err := h.Request(protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": "test.greet", "arguments": args}, nil)
		var re *lsptest.ResponseError
		if !errors.As(err, &re) || re.Code != int(server.CodeInvalidParams) {
			t.Errorf("%s: %v, want InvalidParams", what, err)
			continue
		}
		if !strings.HasPrefix(re.Message, "test.greet ") || strings.Contains(re.Message, secret) {
			t.Errorf("%s: message %q must name the command and not echo the argument", what, re.Message)
		}
		if what != "fails Validate" && !strings.Contains(re.Message, shape) {
			t.Errorf("%s: message %q does not show the expected shape %s", what, re.Message, shape)
		}
	}

	err := h.ExecuteCommand("test.greet", map[string]any{"name": "nobody"}, nil)
	var re *lsptest.ResponseError
	if !errors.As(err, &re) || re.Code != int(server.CodeRequestFailed) || !strings.Contains(string(re.Data), `"reason":"no-one"`) {
		t.Errorf("the handler's own error: %v, want RequestFailed with its data", err)
	}
}
