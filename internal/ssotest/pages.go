package ssotest

import (
	"html/template"
	"net/http"
)

// The pages a person (or Chromium in the end-to-end test) sees. Buttons have stable names so a test
// can press them: form fields "decision" = "approve" or "deny".
var pages = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title>
<style>body{font-family:sans-serif;max-width:36em;margin:3em auto}button{font-size:1.1em;margin-right:1em}</style>
</head><body>
<h1>{{.Title}}</h1>
{{if .Text}}<p id="message">{{.Text}}</p>{{end}}
{{if .Action}}<form method="post" action="{{.Action}}">
{{if .AskCode}}<p><label>Code <input name="{{.Field}}" id="user_code" autocomplete="off" autofocus></label></p>
{{else}}<input type="hidden" name="{{.Field}}" value="{{.Value}}">{{end}}
{{if .Scopes}}<p>Scopes: {{range .Scopes}}<code>{{.}}</code> {{end}}</p>{{end}}
<button type="submit" name="decision" value="approve" id="approve">Approve</button>
<button type="submit" name="decision" value="deny" id="deny">Deny</button>
</form>{{end}}
<p><small>IAM Identity Center emulator for Rolecall's tests</small></p>
</body></html>
`))

// approvalPage is a page with Approve and Deny buttons posting to Action.
type approvalPage struct {
	Title, Text   string
	Action, Field string
	Value         string
	AskCode       bool
	Scopes        []string
}

func showApproval(w http.ResponseWriter, p approvalPage) { render(w, http.StatusOK, p) }

// showPage is a page with a message and no form.
func showPage(w http.ResponseWriter, status int, title, text string) {
	render(w, status, approvalPage{Title: title, Text: text})
}

func render(w http.ResponseWriter, status int, p approvalPage) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	pages.Execute(w, p)
}

// index tells a person who opens the emulator's URL where the verification page is.
func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	showPage(w, http.StatusOK, "IAM Identity Center emulator",
		"Point AWS_ENDPOINT_URL_SSO and AWS_ENDPOINT_URL_SSO_OIDC at "+s.url+
			". Device codes are approved at "+s.url+"/device.")
}
