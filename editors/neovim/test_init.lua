-- Headless test client (used by test.sh): opens the file given on the command line, waits for
-- budgetlint's diagnostics, prints them as `line:byte-col: [SEVERITY] code: message`, checks
-- that the expected findings arrived at the right byte columns, and quits with 0 (pass),
-- 1 (wrong findings) or 2 (no diagnostics in time).

local here = vim.env.BUDGETLINT_NVIM_DIR
package.path = here .. '/?.lua;' .. package.path
local budgetlint = require('budgetlint')

local timeout_ms = tonumber(vim.env.BUDGETLINT_NVIM_TIMEOUT_MS or '20000')

local function done(code, message)
  io.stdout:write(message .. '\n')
  vim.cmd(code == 0 and 'qall!' or ('cquit ' .. code))
end

budgetlint.setup({ cmd = { vim.env.BUDGETLINT_BIN, 'lsp' }, init_options = { debounceMs = 50 } })

local function code_of(d)
  if d.code then
    return d.code
  end
  local lsp = d.user_data and d.user_data.lsp
  return lsp and lsp.code or ''
end

-- Expected: "code@line@needle" items; the finding must start at the needle's byte column.
local function expectations()
  local out = {}
  for item in string.gmatch(vim.env.BUDGETLINT_NVIM_EXPECT or '', '[^;]+') do
    local code, line, needle = item:match('^([^@]+)@(%d+)@(.*)$')
    table.insert(out, { code = code, line = tonumber(line), needle = needle })
  end
  return out
end

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local buf = vim.api.nvim_get_current_buf()
    local ok = vim.wait(timeout_ms, function()
      return #vim.diagnostic.get(buf) > 0
    end, 20)
    if not ok then
      return done(2, 'TIMEOUT: no diagnostics')
    end
    vim.wait(300) -- let a possible second publication settle
    local diags = vim.diagnostic.get(buf)
    for _, d in ipairs(diags) do
      io.stdout:write(string.format('%d:%d: [%s] %s: %s\n', d.lnum + 1, d.col + 1,
        vim.diagnostic.severity[d.severity], code_of(d), (d.message:gsub('\n.*', ''))))
    end
    local failures = {}
    for _, e in ipairs(expectations()) do
      local text = vim.api.nvim_buf_get_lines(buf, e.line - 1, e.line, false)[1] or ''
      local col = text:find(e.needle, 1, true)
      local hit = false
      for _, d in ipairs(diags) do
        if code_of(d) == e.code and d.lnum + 1 == e.line and col and d.col + 1 == col then
          hit = true
        end
      end
      if not hit then
        table.insert(failures, string.format('missing %s at line %d byte column %s', e.code, e.line, tostring(col)))
      end
    end
    if #failures > 0 then
      return done(1, 'FAIL: ' .. table.concat(failures, '; '))
    end
    done(0, string.format('OK: %d diagnostics', #diags))
  end,
})
