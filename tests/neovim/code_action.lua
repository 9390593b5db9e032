-- Drives Neovim's built-in LSP client against `stratagem lsp`, as a user would: open a plan
-- file, wait for a finding, ask for the code actions on it, apply the chosen one, save, and wait
-- for the finding to go. Run by tests/neovim.rs with
--   STRATAGEM=<binary> PLAN=<plan folder> FILE=<file in it> STEPS="rule=title words;rule=…"
-- Each step prints one line to stdout; any failure prints `FAIL: …` and exits with code 1.

local bin, plan, file, steps = os.getenv('STRATAGEM'), os.getenv('PLAN'), os.getenv('FILE'), os.getenv('STEPS')
local timeout = 20000

local function say(line)
  io.stdout:write(line .. '\n')
  io.stdout:flush()
end

local function fail(message)
  say('FAIL: ' .. message)
  vim.cmd('cquit 1')
end

local function code_of(d)
  if d.code then return d.code end
  local lsp = d.user_data and d.user_data.lsp
  return lsp and lsp.code
end

local function findings(buf, rule)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if code_of(d) == rule then table.insert(found, d) end
  end
  return found
end

-- The diagnostic as the server sent it. Neovim 0.7 keeps only the fields it does not map itself
-- (`code`, `data` …) in `user_data.lsp`; the range comes back from its own (ASCII lines here).
local function lsp_diagnostic(d)
  local sent = vim.deepcopy((d.user_data and d.user_data.lsp) or {})
  sent.range = sent.range or {
    start = { line = d.lnum, character = d.col },
    ['end'] = { line = d.end_lnum or d.lnum, character = d.end_col or d.col },
  }
  sent.message = sent.message or d.message
  sent.code = sent.code or code_of(d)
  sent.severity = sent.severity or d.severity
  sent.source = sent.source or d.source
  return sent
end

local function pick(actions, words)
  for _, action in ipairs(actions or {}) do
    if action.title and action.title:lower():find(words:lower(), 1, true) then return action end
  end
end

local function titles(actions)
  local all = {}
  for _, action in ipairs(actions or {}) do table.insert(all, action.title or '?') end
  return table.concat(all, ' | ')
end

local function apply(client, buf, rule, words)
  if not vim.wait(timeout, function() return #findings(buf, rule) > 0 end, 50) then
    return fail('no `' .. rule .. '` diagnostic arrived within ' .. timeout .. ' ms')
  end
  local diagnostic = lsp_diagnostic(findings(buf, rule)[1])
  say('diagnostic ' .. rule .. ' at line ' .. (diagnostic.range.start.line + 1) .. ': ' .. diagnostic.message)
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    range = diagnostic.range,
    context = { diagnostics = { diagnostic } },
  }
  local response = client.request_sync('textDocument/codeAction', params, timeout, buf)
  if not response or response.err then
    return fail('codeAction failed: ' .. vim.inspect(response))
  end
  local action = pick(response.result, words)
  if not action then
    return fail('no code action titled like "' .. words .. '" for ' .. rule .. '; offered: ' .. titles(response.result))
  end
  if not action.edit and client.supports_method('codeAction/resolve') then
    local resolved = client.request_sync('codeAction/resolve', action, timeout, buf)
    action = resolved and resolved.result or action
  end
  if not action.edit then return fail('the code action "' .. action.title .. '" has no edit') end
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
  vim.cmd('silent write')
  say('applied "' .. action.title .. '"')
  if not vim.wait(timeout, function() return #findings(buf, rule) == 0 end, 50) then
    return fail('the `' .. rule .. '` diagnostic was still there ' .. timeout .. ' ms after the fix was saved')
  end
  say('cleared ' .. rule)
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({ name = 'stratagem', cmd = { bin, 'lsp' }, root_dir = plan })
if not id then return fail('the client did not start') end
vim.lsp.buf_attach_client(buf, id)
if not vim.wait(timeout, function()
  local client = vim.lsp.get_client_by_id(id)
  return client and client.initialized
end, 50) then
  return fail('the server did not initialize within ' .. timeout .. ' ms')
end
local client = vim.lsp.get_client_by_id(id)
for step in steps:gmatch('[^;]+') do
  local rule, words = step:match('^([^=]+)=(.+)$')
  apply(client, buf, rule, words)
end
client.stop()
vim.wait(2000, function() return client.is_stopped() end, 50)
say('done')
vim.cmd('qall!')
