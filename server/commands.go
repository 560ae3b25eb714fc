package server

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"go.lsp.dev/protocol"
)

// Command is one workspace/executeCommand call.
type Command struct {
	Name string
	// Arguments are the raw JSON arguments. They may contain secrets: never log them.
	Arguments []json.RawMessage
}

// Decode unmarshals the command's single argument into v. An omitted argument (or null) decodes as the
// empty object, so v keeps its zero value. More than one argument is an error. The error is a plain
// error (answered with CodeRequestFailed unless the handler wraps it in an *Error of its own).
func (c *Command) Decode(v any) error {
	switch {
	case len(c.Arguments) > 1:
		return fmt.Errorf("%s takes one JSON object as its argument, and it was given %d arguments", c.Name, len(c.Arguments))
	case len(c.Arguments) == 0 || string(c.Arguments[0]) == "null":
		return nil
	}
	if err := (lspCodec{}).Unmarshal(c.Arguments[0], v); err != nil {
		return fmt.Errorf("the argument of %s does not decode as %T; see the command's documentation", c.Name, v)
	}
	return nil
}

// CommandHandler runs one server command; it is a request handler in every other respect (concurrent,
// cancellable, panics recovered).
type CommandHandler func(ctx context.Context, cmd *Command) (any, error)

// HandleCommand registers fn for workspace/executeCommand calls naming this command. The server answers
// workspace/executeCommand itself and advertises every registered command in its capabilities, so do not
// also register a request handler for workspace/executeCommand. Register before Run.
func (s *Server) HandleCommand(name string, fn CommandHandler) {
	s.mustConfigure()
	if _, dup := s.commands[name]; dup {
		panic(fmt.Sprintf("server: command %q is already registered", name))
	}
	if len(s.commands) == 0 {
		s.HandleRequest(protocol.MethodWorkspaceExecuteCommand, s.executeCommand)
	}
	s.commands[name] = fn
}

// Commands returns the registered command names, sorted.
func (s *Server) Commands() []string {
	names := make([]string, 0, len(s.commands))
	for name := range s.commands {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

func (s *Server) executeCommand(ctx context.Context, req *Request) (any, error) {
	var p struct {
		Command   string            `json:"command"`
		Arguments []json.RawMessage `json:"arguments"`
	}
	if err := json.Unmarshal(req.Params, &p); err != nil || p.Command == "" {
		return nil, NewError(CodeInvalidParams,
			`workspace/executeCommand needs params {"command": "<name>", "arguments": [...]}`)
	}
	fn, ok := s.commands[p.Command]
	if !ok {
		return nil, Errorf(CodeInvalidParams, "unknown command %q; this server offers: %s",
			p.Command, strings.Join(s.Commands(), ", "))
	}
	return fn(ctx, &Command{Name: p.Command, Arguments: p.Arguments})
}
