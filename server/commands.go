package server

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"go.lsp.dev/protocol"
)

// commandHandler runs one registered command on its raw arguments; HandleCommand builds it, decoding
// and validating the argument before the typed function runs.
type commandHandler func(ctx context.Context, args []json.RawMessage) (any, error)

// HandleCommand registers fn for workspace/executeCommand calls naming this command. A command takes
// one JSON object argument, decoded into a new P before fn runs:
//
//   - no argument, or null, leaves P at its zero value;
//   - more than one argument, or one that does not decode as P, is answered with InvalidParams
//     (-32602), naming the command and the shape P expects, never echoing the argument (it may hold a
//     secret);
//   - when *P has a method Validate() error, it runs next, and its error is answered with InvalidParams
//     as "<command> <error>".
//
// Everything else is as for Handle: fn runs on its own goroutine, cancellable, panics recovered, and its
// error becomes the reply (see Error). The server answers workspace/executeCommand itself and advertises
// every registered command in its capabilities, so do not also register a request handler for
// workspace/executeCommand. Registering a name twice, or after Run, panics.
//
//	server.HandleCommand(srv, "rolecall-ls.assume",
//		func(ctx context.Context, arg *wire.AssumeArgs) (wire.SessionStatus, error) { … })
func HandleCommand[P, R any](s *Server, name string, fn func(ctx context.Context, arg *P) (R, error)) {
	shape := argumentShape(reflect.TypeFor[P]())
	s.handleCommand(name, func(ctx context.Context, args []json.RawMessage) (any, error) {
		arg := new(P)
		if err := decodeArgument(name, shape, args, arg); err != nil {
			return nil, err
		}
		if v, ok := any(arg).(interface{ Validate() error }); ok {
			if err := v.Validate(); err != nil {
				return nil, Errorf(CodeInvalidParams, "%s %v", name, err)
			}
		}
		return fn(ctx, arg)
	})
}

func (s *Server) handleCommand(name string, fn commandHandler) {
	s.mustConfigure()
	if _, dup := s.commands[name]; dup {
		panic(fmt.Sprintf("server: command %q is already registered", name))
	}
	if len(s.commands) == 0 {
		s.onRequest(protocol.MethodWorkspaceExecuteCommand, s.executeCommand)
	}
	s.commands[name] = fn
}

// decodeArgument decodes a command's one argument into v; see HandleCommand for the rules.
func decodeArgument(name, shape string, args []json.RawMessage, v any) error {
	switch {
	case len(args) > 1:
		return Errorf(CodeInvalidParams, "%s takes one JSON object argument, %s, and was given %d arguments", name, shape, len(args))
	case len(args) == 0 || string(args[0]) == "null":
		return nil
	}
	if err := (lspCodec{}).Unmarshal(args[0], v); err != nil {
		return Errorf(CodeInvalidParams, "%s takes one JSON object argument, %s, and the argument given does not fit it", name, shape)
	}
	return nil
}

// argumentShape describes the JSON a command argument of type t accepts, for error messages:
// {"profile": string, "mfaCode": string}. Only the top level is spelled out.
func argumentShape(t reflect.Type) string {
	if t.Kind() != reflect.Struct {
		return jsonKind(t)
	}
	var fields []string
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fields = append(fields, fmt.Sprintf("%q: %s", name, jsonKind(f.Type)))
	}
	return "{" + strings.Join(fields, ", ") + "}"
}

// jsonKind names the JSON type a Go type decodes from.
func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16,
		reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Slice, reflect.Array:
		return "array"
	case reflect.Struct, reflect.Map:
		return "object"
	}
	return "any JSON value"
}

// commandNames returns the registered command names, sorted.
func (s *Server) commandNames() []string {
	names := make([]string, 0, len(s.commands))
	for name := range s.commands {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

func (s *Server) executeCommand(ctx context.Context, req *request) (any, error) {
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
			p.Command, strings.Join(s.commandNames(), ", "))
	}
	return fn(ctx, p.Arguments)
}
