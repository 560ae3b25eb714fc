-- Drives `rolecall serve` from Neovim 0.7 (a real LSP client nobody here wrote) and writes what the editor
-- saw as JSON to $ROLECALL_NVIM_OUT: the diagnostics of the broken file, the diagnostics after an edit
-- that fixes one problem, a hover, value completions and the server's exit code.
local out_path = assert(os.getenv('ROLECALL_NVIM_OUT'), 'ROLECALL_NVIM_OUT is not set')
local bin = assert(os.getenv('ROLECALL_BIN'), 'ROLECALL_BIN is not set')
local result = { steps = {} }

local function finish()
  local f = assert(io.open(out_path, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qall!')
end

local function step(name) table.insert(result.steps, name) end

local function diagnostics()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(out, { lnum = d.lnum, col = d.col, end_col = d.end_col, code = d.code,
      source = d.source, severity = d.severity, message = d.message })
  end
  return out
end

local function has_code(code, lnum)
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if d.code == code and d.lnum == lnum then return true end
  end
  return false
end

local ok, err = pcall(function()
  vim.bo.filetype = 'aws-config'
  local exited = false
  local client_id = vim.lsp.start_client({
    name = 'rolecall',
    cmd = { bin, 'serve', '--stdio' },
    root_dir = vim.fn.getcwd(),
    on_exit = function(code, signal)
      result.exit_code = code
      result.exit_signal = signal
      exited = true
    end,
  })
  assert(client_id, 'start_client failed')
  vim.lsp.buf_attach_client(0, client_id)
  step('attached')

  result.got_diagnostics = vim.wait(20000, function() return has_code('source-profile-missing', 2) end, 20)
  result.before = diagnostics()
  step('diagnostics')

  -- Fix the misspelled source profile in the buffer: Neovim sends an incremental didChange.
  vim.api.nvim_buf_set_lines(0, 2, 3, false, { 'source_profile = base' })
  result.fixed = vim.wait(20000, function() return not has_code('source-profile-missing', 2) end, 20)
  result.after = diagnostics()
  step('edited')

  local params = { textDocument = { uri = vim.uri_from_bufnr(0) }, position = { line = 0, character = 10 } }
  local hover = vim.lsp.buf_request_sync(0, 'textDocument/hover', params, 10000) or {}
  for _, r in pairs(hover) do
    if r.result and r.result.contents then result.hover = r.result.contents.value end
  end
  step('hover')

  params.position = { line = 2, character = 17 }
  local completion = vim.lsp.buf_request_sync(0, 'textDocument/completion', params, 10000) or {}
  result.completion = {}
  for _, r in pairs(completion) do
    local items = r.result and (r.result.items or r.result) or {}
    for _, item in ipairs(items) do table.insert(result.completion, item.label) end
  end
  step('completion')

  vim.lsp.stop_client(client_id)
  result.stopped = vim.wait(20000, function() return exited end, 20)
  step('stopped')
end)
if not ok then result.error = tostring(err) end
finish()
