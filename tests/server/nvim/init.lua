-- A headless Neovim (0.7 or later, no plugins) as a qonto-lint client, for tests/server/test_neovim.py.
--
--   QONTO_LINT_SERVER_CMD='["qonto-lint", "server"]' QONTO_LINT_NVIM_OUT=out.json \
--     nvim --headless -u tests/server/nvim/init.lua file.py
--
-- Starts the server, attaches it to the Python buffer, waits for its first diagnostics, asks
-- for a hover and for the "fix all" code action, applies that action's edit to the buffer, and
-- writes what it saw to QONTO_LINT_NVIM_OUT as JSON. Only APIs present in Neovim 0.7.
vim.opt.swapfile = false
vim.opt.shadafile = "NONE"

local out_path = os.getenv("QONTO_LINT_NVIM_OUT")
local timeout = tonumber(os.getenv("QONTO_LINT_NVIM_TIMEOUT") or "20000")
local result = { diagnostics = {}, published = 0 }

local function finish(failure)
  if failure then
    result.error = failure
  end
  local file = assert(io.open(out_path, "w"))
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.lsp.stop_client(vim.lsp.get_active_clients(), true)
  vim.cmd("qall!")
end

local client_id = vim.lsp.start_client({
  name = "qonto-lint",
  cmd = vim.fn.json_decode(os.getenv("QONTO_LINT_SERVER_CMD")),
  root_dir = vim.fn.getcwd(),
  handlers = {
    ["textDocument/publishDiagnostics"] = function(err, params, ctx, config)
      vim.lsp.diagnostic.on_publish_diagnostics(err, params, ctx, config)
      result.published = result.published + 1
    end,
  },
})
if not client_id then
  finish("the server did not start")
end

local function run(bufnr)
  if not vim.wait(timeout, function() return result.published > 0 end, 20) then
    return finish("no diagnostics within " .. timeout .. " ms")
  end
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, {
      code = d.code, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, source = d.source,
      href = d.user_data.lsp.codeDescription and d.user_data.lsp.codeDescription.href,
    })
  end
  local first = result.diagnostics[1]
  local position = { textDocument = vim.lsp.util.make_text_document_params(bufnr) }
  position.position = { line = first.lnum, character = first.col }
  local hovers = vim.lsp.buf_request_sync(bufnr, "textDocument/hover", position, timeout) or {}
  for _, answer in pairs(hovers) do
    result.hover = answer.result and answer.result.contents.value
  end
  local context = { diagnostics = {}, only = { "source.fixAll" } }
  local request = { textDocument = position.textDocument, context = context,
    range = { start = { line = 0, character = 0 }, ["end"] = { line = 0, character = 0 } } }
  local answers = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", request, timeout) or {}
  for _, answer in pairs(answers) do
    for _, action in ipairs(answer.result or {}) do
      result.action = action.title
      vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
    end
  end
  result.fixed = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n") .. "\n"
  finish(nil)
end

vim.api.nvim_create_autocmd("FileType", {
  pattern = "python",
  callback = function(args)
    vim.lsp.buf_attach_client(args.buf, client_id)
    vim.schedule(function() run(args.buf) end)
  end,
})
